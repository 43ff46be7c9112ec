package io.qiao.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QiaoSanitizingFunctionTest {

    @Test
    void secretKeys_inEveryNotation_areSecret() {
        assertThat(QiaoSanitizingFunction.isSecretKey("qiao.jackyun.app-secret")).isTrue();
        assertThat(QiaoSanitizingFunction.isSecretKey("appSecret")).isTrue();
        assertThat(QiaoSanitizingFunction.isSecretKey("QIAO_KIS_CLIENT_SECRET")).isTrue();
        assertThat(QiaoSanitizingFunction.isSecretKey("qiao.jushuitan.access-token")).isTrue();
        assertThat(QiaoSanitizingFunction.isSecretKey("accessToken")).isTrue();
        assertThat(QiaoSanitizingFunction.isSecretKey("qiao.alerts.dingtalk.webhook")).isTrue();
        assertThat(QiaoSanitizingFunction.isSecretKey("qiao.alerts.dingtalk.secret")).isTrue();
    }

    @Test
    void theConsoleToken_inEveryNotation_isSecret_butOtherTokenKeysAreNot() {
        assertThat(QiaoSanitizingFunction.isSecretKey("qiao.console.token")).isTrue();
        assertThat(QiaoSanitizingFunction.isSecretKey("console.token")).isTrue();
        assertThat(QiaoSanitizingFunction.isSecretKey("QIAO_CONSOLE_TOKEN")).isTrue();
        assertThat(QiaoSanitizingFunction.isSecretKey("spring.mvc.pathmatch.token")).isFalse();
    }

    @Test
    void ordinaryKeys_areNotSecret() {
        assertThat(QiaoSanitizingFunction.isSecretKey("qiao.jackyun.endpoint")).isFalse();
        assertThat(QiaoSanitizingFunction.isSecretKey("qiao.jackyun.app-key")).isFalse();
        assertThat(QiaoSanitizingFunction.isSecretKey("qiao.kis.client-id")).isFalse();
        assertThat(QiaoSanitizingFunction.isSecretKey("secretary.name")).isFalse();
        assertThat(QiaoSanitizingFunction.isSecretKey(null)).isFalse();
    }
}
