package io.qiao.samples;

import io.qiao.client.Redactor;
import io.qiao.client.Secret;
import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.observe.WebhookAlerter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The CLI's {@code --alert} setting: where {@code qiao sync} posts an alert when a run fails or dead-letters records,
 * through {@link WebhookAlerter} with the library's own thresholds and rate limit.
 * Forms: {@code dingtalk:<webhook>}, {@code wecom:<webhook>}, {@code json:<url>}; repeated options (or
 * whitespace-separated values of {@code QIAO_ALERT} / {@code alert} in {@code --config}) each add one. A DingTalk
 * robot secured by 加签 takes its secret from {@code QIAO_ALERT_DINGTALK_SECRET} (or {@code alert-dingtalk-secret}
 * in {@code --config}), never from the command line, where any user of the machine could read it in the process
 * list.
 */
final class Alerts {
    static final String KEY = "alert";
    static final String SECRET_KEY = "alert-dingtalk-secret";
    static final String FORMS = "dingtalk:<webhook>, wecom:<webhook> or json:<url>, the webhook an http(s) URL";

    /** A query value (access_token=..., key=...) or the password of user info: what a webhook URL keeps secret. */
    private static final Pattern QUERY_VALUE = Pattern.compile("([?&][^=&#]*=)[^&#]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?#]*@");

    /** One configured webhook. {@link #toString()} shows it without its token. */
    record Target(WebhookAlerter.Format format, URI webhook) {
        @Override
        public String toString() {
            return format.name().toLowerCase(Locale.ROOT) + ":" + redacted(webhook.toString());
        }
    }

    private Alerts() {
    }

    /**
     * The configured webhooks, checked: an unknown kind or a URL that is not http(s) is a usage error (exit 64)
     * before any lock is taken or simulator started.
     */
    static List<Target> targets(Settings settings) {
        List<Target> targets = new ArrayList<>();
        Optional<String> value = settings.get(KEY);
        if (value.isEmpty()) {
            return targets;
        }
        for (String one : value.get().strip().split("\\s+")) {
            targets.add(parse(one));
        }
        return targets;
    }

    static Target parse(String text) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        WebhookAlerter.Format format = switch (kind) {
            case "dingtalk" -> WebhookAlerter.Format.DINGTALK;
            case "wecom" -> WebhookAlerter.Format.WECOM;
            case "json" -> WebhookAlerter.Format.JSON;
            default -> throw bad(text, "its kind is not dingtalk, wecom or json");
        };
        URI uri;
        try {
            uri = new URI(text.substring(colon + 1));
        } catch (URISyntaxException e) {
            throw bad(text, "its webhook is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw bad(text, "its webhook is not an http(s) URL");
        }
        if (uri.getHost() == null) {
            throw bad(text, "its webhook has no host");
        }
        return new Target(format, uri);
    }

    /** An alerter per target, for the job {@code qiao sync} runs; the DingTalk secret signs every DingTalk target. */
    static List<SyncListener> listeners(Settings settings) {
        List<Target> targets = targets(settings);
        Optional<Secret> secret = settings.secret(SECRET_KEY);
        List<SyncListener> listeners = new ArrayList<>();
        for (Target t : targets) {
            WebhookAlerter.Builder b = switch (t.format()) {
                case DINGTALK -> WebhookAlerter.dingTalk(t.webhook());
                case WECOM -> WebhookAlerter.weCom(t.webhook());
                case JSON -> WebhookAlerter.json(t.webhook());
            };
            if (t.format() == WebhookAlerter.Format.DINGTALK) {
                secret.ifPresent(b::secret);
            }
            listeners.add(b.build());
        }
        return listeners;
    }

    /** The URL with every query value and any user info masked: a robot's access_token or key is its password. */
    static String redacted(String url) {
        String out = USER_INFO.matcher(url).replaceAll("//" + Redactor.MASK + "@");
        return QUERY_VALUE.matcher(out).replaceAll("$1" + Redactor.MASK);
    }

    private static UsageException bad(String text, String why) {
        return new UsageException("--alert '" + redacted(text) + "' is not valid (" + why + "); the forms are "
                + FORMS);
    }
}
