package io.qiao.archive.internal;

import io.qiao.archive.SoapMapping;
import io.qiao.client.ApiException;
import io.qiao.client.Interceptor;
import io.qiao.client.Request;
import io.qiao.client.Response;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;

/**
 * Turns SOAP faults into {@link ApiException}s as {@link ErrorInterceptor} does for REST errors, so that retry, the
 * token renewal and the push see the same thing over either protocol. SOAP 1.1 answers every fault with HTTP 500
 * whatever its cause, so the status is not what decides: a vendor code the mapping lists ({@link
 * SoapMapping#faultStatus()}) counts as that status; otherwise a {@code Client}/{@code Sender} fault is 400 (not
 * retried, the same request would fail again) and any other fault 500 (retried). An error answer that is no fault
 * passes on to the generic status handling.
 */
public final class SoapFaultInterceptor implements Interceptor {
    private final SoapMapping mapping;

    public SoapFaultInterceptor(SoapMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        Response response = chain.proceed(request);
        Optional<XmlElement> fault = fault(response.body());
        if (fault.isEmpty()) {
            return response;
        }
        throw toException(request, response, fault.get());
    }

    private Optional<XmlElement> fault(byte[] body) {
        if (body.length == 0 || body.length > 1 << 20) {
            return Optional.empty();
        }
        try {
            XmlElement root = XmlElement.parse(body);
            if (!root.name().equals("Envelope")) {
                return Optional.empty();
            }
            return root.child("Body").flatMap(b -> b.child("Fault"));
        } catch (XMLStreamException e) {
            return Optional.empty(); // not XML: the status and an excerpt still describe the error
        }
    }

    private ApiException toException(Request request, Response response, XmlElement fault) {
        // 1.1: faultcode, faultstring, detail; 1.2: Code/Value (+ Subcode/Value), Reason/Text, Detail.
        String faultCode = Optional.ofNullable(fault.childText("faultcode"))
                .orElseGet(() -> fault.child("Code").map(c -> c.childText("Value")).orElse(""));
        String local = faultCode.substring(faultCode.indexOf(':') + 1);
        Optional<XmlElement> detail = fault.child("detail").or(() -> fault.child("Detail"));
        String vendorCode = detail.flatMap(d -> d.first(mapping.faultCodeElement())).map(XmlElement::text)
                .filter(t -> !t.isEmpty()).orElse(faultCode);
        String reason = Optional.ofNullable(fault.childText("faultstring"))
                .orElseGet(() -> fault.child("Reason").map(r -> r.childText("Text")).orElse(null));
        String message = mapping.faultMessageElement()
                .flatMap(name -> detail.flatMap(d -> d.first(name))).map(XmlElement::text)
                .filter(t -> !t.isEmpty()).orElse(reason);
        String requestId = response.header("X-Request-Id")
                .orElse(detail.flatMap(d -> d.first("requestId")).map(XmlElement::text).orElse(null));
        Integer mapped = mapping.faultStatus().get(vendorCode);
        int status = mapped != null ? mapped : local.equals("Client") || local.equals("Sender") ? 400 : 500;
        ApiException.Builder b = ApiException.builder()
                .operation(request.operation())
                .httpStatus(status)
                .vendorCode(vendorCode)
                .vendorMessage(message)
                .requestId(requestId);
        ErrorInterceptor.retryability(b, status, response);
        String origin = "SOAP fault " + faultCode + " with HTTP " + response.status();
        if (status == 401) {
            b.hint(origin + "; " + (request.operation().equals(Operations.TOKEN) ? "check appKey and appSecret"
                    : "the access token was refused even after a refresh"));
        } else if (status == 409) {
            b.hint(origin + "; a record with this archiveNo already exists");
        } else {
            b.hint(origin);
        }
        return b.build();
    }
}
