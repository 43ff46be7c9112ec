package io.qiao.kis.model;

/**
 * A stored 其他入库单 read back from KIS: its id and its content in the same shape as a bill to create.
 * Read-back bills are not validated: KIS may omit fields it does not echo.
 *
 * @param id   FID
 * @param bill the head and lines
 */
public record MiscellaneousReceiptDetail(long id, MiscellaneousReceipt bill) {
}
