package io.qiao.kis.model;

/**
 * What KIS answers to a create: the internal id and the bill number.
 *
 * @param id      FID
 * @param billNo  FBillNo as KIS stored it
 * @param created true when this call created the bill; false when the bill already existed (found by its
 *                FBillNo before or after an attempt whose outcome was unknown) and was returned instead
 */
public record BillRef(long id, String billNo, boolean created) {
}
