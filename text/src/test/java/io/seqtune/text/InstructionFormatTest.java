package io.seqtune.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstructionFormatTest {
  @Test
  void everyBuiltInFormatKeepsPromptAndResponseApart() {
    for (InstructionFormat format : InstructionFormat.values()) {
      Prompted example = format.render("CCO", "ethanol", TaskText.SMILES_TO_IUPAC);
      assertThat(example.prompt()).contains("CCO").doesNotContain("ethanol");
      assertThat(example.response()).isEqualTo("ethanol");
      assertThat(example.text()).isEqualTo(example.prompt() + "ethanol");
      assertThat(format.render("CCO", TaskText.SMILES_TO_IUPAC).response()).isNull();
      assertThat(InstructionFormat.byId(format.id())).isEqualTo(format);
    }
  }

  @Test
  void builtInFormatsLookAsDocumented() {
    assertThat(InstructionFormat.BARE.render("CCO", TaskText.SMILES_TO_IUPAC).prompt())
        .isEqualTo("SMILES CCO IUPAC ");
    assertThat(InstructionFormat.SEPARATOR.render("CCO", TaskText.SMILES_TO_IUPAC).prompt())
        .isEqualTo("CCO<sep>");
    assertThat(InstructionFormat.INSTRUCTION.render("CCO", "Name it.").prompt())
        .isEqualTo("### Instruction:\nName it.\n\n### Input:\nCCO\n\n### Response:\n");
    assertThat(InstructionFormat.CHAT.render("CCO", "Name it.").prompt())
        .startsWith("<|user|>\nName it.\nCCO\n<|assistant|>");
  }

  @Test
  void customTemplateSplitsAtTheResponseAndKeepsItsEnding() {
    PromptFormat format = PromptTemplate.parse("Molecule: {input}\nName: {response}</name>");
    Prompted example = format.render("CCO", "ethanol", TaskText.SMILES_TO_IUPAC);
    assertThat(example.prompt()).isEqualTo("Molecule: CCO\nName: ");
    assertThat(example.response()).isEqualTo("ethanol</name>");
    assertThat(format.extractResponse(" ethanol</name>junk")).isEqualTo("ethanol");
    assertThat(PromptTemplate.parse("chat")).isEqualTo(InstructionFormat.CHAT);
  }

  @Test
  void badTemplatesAreRejectedWithTheReason() {
    assertThatThrownBy(() -> PromptTemplate.parse("{input} {response} {response}"))
        .hasMessageContaining("exactly once");
    assertThatThrownBy(() -> new PromptTemplate("t", "no placeholders"))
        .hasMessageContaining("{response}");
    assertThatThrownBy(() -> new PromptTemplate("t", "{response}{input}"))
        .hasMessageContaining("{input}");
    assertThatThrownBy(() -> InstructionFormat.byId("alpaca"))
        .hasMessageContaining("bare, instruction, chat, separator");
  }
}
