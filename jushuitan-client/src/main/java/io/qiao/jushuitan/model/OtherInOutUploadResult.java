package io.qiao.jushuitan.model;

/** What {@code /open/jushuitan/otherinout/upload} answers: our external id and the vendor's document id. */
public record OtherInOutUploadResult(String externalId, long ioId) {
}
