package io.qiao.testkit.kis;

/** The simulator's endpoints, for counting calls and aiming faults. */
public enum KisOperation {
    /** {@code GET /jdyconnector/app_management/kingdee_auth_token}. */
    AUTH_TOKEN,
    /** {@code POST /jdyconnector/app_management/push_app_authorize}. */
    PUSH_APP_AUTHORIZE,
    /** {@code POST /koas/app007104/api/miscellaneousreceipt/create}. */
    CREATE_RECEIPT,
    /** {@code POST /koas/app007104/api/miscellaneousreceipt/list}. */
    LIST_RECEIPTS,
    /** {@code POST /koas/app007104/api/miscellaneousreceipt/getdetail}. */
    GET_RECEIPT,
    /** {@code POST /koas/app007104/api/miscellaneousdelivery/create} (其他出库单). */
    CREATE_DELIVERY,
    /** {@code POST /koas/app007104/api/miscellaneousdelivery/list}. */
    LIST_DELIVERIES,
    /** {@code POST /koas/app007104/api/miscellaneousdelivery/getdetail}. */
    GET_DELIVERY,
    /** {@code POST /koas/app007104/api/purchasereceipt/create} (采购入库单, FTranType 1). */
    CREATE_PURCHASE_RECEIPT,
    /** {@code POST /koas/app007104/api/purchasereceipt/list}. */
    LIST_PURCHASE_RECEIPTS,
    /** {@code POST /koas/app007104/api/purchasereceipt/getdetail}. */
    GET_PURCHASE_RECEIPT,
    /** {@code POST /koas/app007104/api/salesdelivery/create} (销售出库单, FTranType 21). */
    CREATE_SALES_DELIVERY,
    /** {@code POST /koas/app007104/api/salesdelivery/list}. */
    LIST_SALES_DELIVERIES,
    /** {@code POST /koas/app007104/api/salesdelivery/getdetail}. */
    GET_SALES_DELIVERY,
    /** {@code POST /koas/APP006992/api/Customer/List} (客户). */
    LIST_CUSTOMERS,
    /** {@code POST /koas/APP006992/api/Vendor/List} (供应商). */
    LIST_SUPPLIERS,
    /** {@code POST /koas/APP006992/api/Material/List}. */
    LIST_MATERIALS,
    /** User-session flow: {@code POST /koas/oauth2/access_token} (the OAuth code exchange). */
    OAUTH_ACCESS_TOKEN,
    /** User-session flow: {@code POST /koas/user/get_service_gateway}. */
    SERVICE_GATEWAY,
    /** User-session flow: {@code POST /koas/user/refresh_auth_data}. */
    REFRESH_AUTH_DATA,
    /** User-session flow: {@code POST /koas/user/refresh_login_access_token}. */
    REFRESH_LOGIN
}
