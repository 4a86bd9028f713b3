package io.seqtune.core.registry;

/** The registered version, its weights' sha256, and whether it is now the champion (and why). */
public record PromotionResult(
    String task, String version, String weightsSha256, boolean champion, String reason) {}
