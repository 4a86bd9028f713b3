package io.seqtune.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void quotedFieldsKeepCommasDoubledQuotesAndNewlines() {
    String text = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n";
    assertThat(Csv.parse(text))
        .containsExactly(
            List.of("a", "b", "c"),
            List.of("1", "x, y", "say \"hi\""),
            List.of("2", "two\nlines", ""));
  }

  @Test
  void lastRecordWithoutNewlineIsKept() {
    assertThat(Csv.parse("a,b\n1,2")).containsExactly(List.of("a", "b"), List.of("1", "2"));
    assertThat(Csv.parse("")).isEmpty();
  }

  @Test
  void oneLineSplitsOrSaysTheQuoteIsOpen() {
    assertThat(Csv.splitLine("CID,\"2,2-dimethylpropane\",,x"))
        .containsExactly("CID", "2,2-dimethylpropane", "", "x");
    assertThat(Csv.splitLine("1,\"open")).isNull();
  }
}
