package io.qiao.archive.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArchiveNoTest {

    @Test
    void parse_theDaT22Example_readsEveryPart_andPrintsItBack() {
        ArchiveNo no = ArchiveNo.parse("Z109-WS·2011-Y-BGS-0001");
        assertThat(no.fonds()).isEqualTo("Z109");
        assertThat(no.category()).isEqualTo("WS");
        assertThat(no.year()).isEqualTo(2011);
        assertThat(no.retention()).isEqualTo(RetentionPeriod.PERMANENT);
        assertThat(no.organisation()).isEqualTo("BGS");
        assertThat(no.item()).isEqualTo(1);
        assertThat(no).hasToString("Z109-WS·2011-Y-BGS-0001");
    }

    @Test
    void builder_writesTheDaT22Form_andConvertsToTheDaT13Form() {
        ArchiveNo no = ArchiveNo.builder().fonds("J001").year(2024).retention(RetentionPeriod.YEARS_30)
                .organisation("办公室").item(37).build();
        assertThat(no).hasToString("J001-WS·2024-D30-办公室-0037");
        assertThat(no.withStyle(ArchiveNo.Style.DA_T_13_2022)).hasToString("J001-WS·2024·D30·办公室-0037");
    }

    @Test
    void parse_daT13Examples_roundTrip_includingTheFormWithoutAnOrganisation() {
        for (String s : new String[] {"A439-WS·2015·D30·003-005", "Z109-WS·2011·Y·办公室-0001", "Z008-WS·2019·Y-037"}) {
            assertThat(ArchiveNo.parse(s, ArchiveNo.Style.DA_T_13_2022)).hasToString(s);
        }
        assertThat(ArchiveNo.parse("Z008-WS·2019·Y-037", ArchiveNo.Style.DA_T_13_2022).organisation()).isNull();
    }

    @Test
    void parse_withAFullStopInsteadOfTheMiddleDot_namesTheCharacter() {
        assertThatThrownBy(() -> ArchiveNo.parse("Z109-WS.2011-Y-BGS-0001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses '.' (U+002E) where the middle dot '·' (U+00B7) belongs");
    }

    @Test
    void problems_listEveryBadPart() {
        assertThat(ArchiveNo.problems("z1-XX·11-D20-bgs-1", ArchiveNo.Style.DA_T_22_2015, 2026)).containsExactly(
                "全宗号 'z1' must be 4 uppercase letters or digits (e.g. Z109)",
                "门类代码 'XX' is not a DA/T 13 category code (WS 文书, KJ 科技, RS 人事, KU 会计, ZP 照片, ...)",
                "年度 '11' must be a 4-digit year",
                "保管期限 'D20' must be one of the codes Y (永久), D30 (定期30年), D10 (定期10年)",
                "机构（问题）代码 'bgs' must be uppercase letters, digits or Chinese characters (e.g. BGS)",
                "件号 '1' must be 4 digits, left-padded with 0 (e.g. 0001)");
    }

    @Test
    void problems_ofAFutureYearOrAWrongShape_areNamed() {
        assertThat(ArchiveNo.problems("Z109-WS·2031-Y-BGS-0001", ArchiveNo.Style.DA_T_22_2015, 2026))
                .containsExactly("年度 2031 is after the current year 2026");
        assertThat(ArchiveNo.problems("Z109-WS·2011-Y-0001", ArchiveNo.Style.DA_T_22_2015, 2026))
                .singleElement().asString().contains("expected 5");
        assertThat(ArchiveNo.problems("Z109-WS·2011-Y-BGS-0000", ArchiveNo.Style.DA_T_22_2015, 2026))
                .containsExactly("件号 0 must be between 1 and 99999");
    }

    @Test
    void builder_refusesTheLegacyShortTerm_whichHasNoCode_andNamesMissingParts() {
        assertThatThrownBy(() -> ArchiveNo.builder().retention(RetentionPeriod.SHORT_TERM))
                .hasMessageContaining("短期 has no DA/T 22—2015 code");
        assertThatThrownBy(() -> ArchiveNo.builder().fonds("Z109").build())
                .hasMessageContaining("年度 (year)").hasMessageContaining("件号 (item)");
    }

    @Test
    void retentionPeriod_readsEverySpelling_intoOneConstant() {
        assertThat(RetentionPeriod.parse("永久")).contains(RetentionPeriod.PERMANENT);
        assertThat(RetentionPeriod.parse("y")).contains(RetentionPeriod.PERMANENT);
        assertThat(RetentionPeriod.parse("30年")).contains(RetentionPeriod.YEARS_30);
        assertThat(RetentionPeriod.parse("定期30年")).contains(RetentionPeriod.YEARS_30);
        assertThat(RetentionPeriod.parse(" D30 ")).contains(RetentionPeriod.YEARS_30);
        assertThat(RetentionPeriod.parse("定期10年")).contains(RetentionPeriod.YEARS_10);
        assertThat(RetentionPeriod.parse("D10")).contains(RetentionPeriod.YEARS_10);
        assertThat(RetentionPeriod.parse("短期")).contains(RetentionPeriod.SHORT_TERM);
        assertThat(RetentionPeriod.parse("长期")).isEmpty();
        assertThat(RetentionPeriod.YEARS_30.format(RetentionPeriod.Style.LEGACY)).isEqualTo("30年");
        assertThat(RetentionPeriod.YEARS_30.format(RetentionPeriod.Style.DA_T_22)).isEqualTo("定期30年");
        assertThat(RetentionPeriod.YEARS_30.format(RetentionPeriod.Style.CODE)).isEqualTo("D30");
    }
}
