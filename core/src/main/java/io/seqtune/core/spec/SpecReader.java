package io.seqtune.core.spec;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns any JSON value into a pipeline spec or a {@link SpecException} naming every problem by
 * path: wrong types, unknown fields, bad values, oversized input. It walks the JSON along the
 * records' components (strings, whole numbers, numbers, booleans, lists, nested spec records)
 * before Jackson binds anything, so no input ends in a decoding error; then {@code
 * withDefaults().validate()} checks the values.
 */
public final class SpecReader {
  /** The largest spec accepted, as JSON text. */
  public static final int MAX_BYTES = 256 * 1024;

  /** The longest string value accepted. */
  public static final int MAX_STRING = 4096;

  private static final int MAX_PROBLEMS = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SpecReader() {}

  /**
   * A pipeline spec with defaults applied and validated. Fields of the wrong type are reported and
   * left out, so the values of the others are still checked: one answer lists every problem.
   */
  public static PipelineSpec pipeline(JsonNode json) {
    List<String> problems = new ArrayList<>();
    ObjectNode shaped = shaped(json, PipelineSpec.class, problems);
    if (shaped != null) {
      try {
        PipelineSpec spec = JSON.convertValue(shaped, PipelineSpec.class).withDefaults().validate();
        if (problems.isEmpty()) {
          return spec;
        }
      } catch (SpecException e) {
        problems.addAll(e.problems());
      }
    }
    throw new SpecException(capped(problems));
  }

  /**
   * A copy of {@code json} without the fields whose type {@code type} cannot take, each reported in
   * {@code problems}; null when {@code json} is not an object of acceptable size.
   */
  private static ObjectNode shaped(JsonNode json, Class<?> type, List<String> problems) {
    if (json == null || json.isNull() || json.isMissingNode()) {
      problems.add("spec: none given; pass a JSON object, e.g. {\"task\":\"smiles2iupac\"}");
      return null;
    }
    if (!json.isObject()) {
      problems.add("spec: expected a JSON object, got " + describe(json));
      return null;
    }
    int bytes = json.toString().length();
    if (bytes > MAX_BYTES) {
      problems.add("spec: " + bytes + " bytes of JSON, more than the " + MAX_BYTES + " allowed");
      return null;
    }
    ObjectNode copy = json.deepCopy();
    check("", copy, type, problems);
    return copy;
  }

  /** Removes the fields of {@code object} that {@code type} cannot take; unknown ones stay. */
  private static void check(
      String prefix, ObjectNode object, Class<?> type, List<String> problems) {
    for (RecordComponent c : type.getRecordComponents()) {
      JsonNode value = object.get(c.getName());
      if (capturesUnknown(type, c) || value == null || value.isNull()) {
        continue;
      }
      if (!fits(prefix + c.getName(), value, c.getGenericType(), problems)) {
        object.remove(c.getName());
      }
    }
  }

  private static boolean fits(String path, JsonNode value, Type type, List<String> problems) {
    int before = problems.size();
    if (type == String.class) {
      if (!value.isTextual()) {
        problems.add(path + ": expected a string, got " + describe(value));
      } else if (value.textValue().length() > MAX_STRING) {
        problems.add(
            path
                + ": a string of "
                + value.textValue().length()
                + " characters, more than the "
                + MAX_STRING
                + " allowed");
      }
    } else if (type == Integer.class || type == Long.class) {
      boolean whole =
          value.isIntegralNumber() || (value.isNumber() && isWhole(value.doubleValue()));
      if (!whole) {
        problems.add(path + ": expected a whole number, got " + describe(value));
      } else if (type == Integer.class ? !value.canConvertToInt() : !value.canConvertToLong()) {
        problems.add(path + ": " + shorten(value.asText()) + " is too large");
      }
    } else if (type == Double.class) {
      if (!value.isNumber()) {
        problems.add(path + ": expected a number, got " + describe(value));
      }
    } else if (type == Boolean.class) {
      if (!value.isBoolean()) {
        problems.add(path + ": expected true or false, got " + describe(value));
      }
    } else if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
      if (!value.isArray()) {
        problems.add(path + ": expected a list, got " + describe(value));
      } else {
        for (int i = 0; i < value.size(); i++) {
          fits(path + "[" + i + "]", value.get(i), list.getActualTypeArguments()[0], problems);
        }
      }
    } else if (type instanceof Class<?> c && c.isRecord()) {
      if (!value.isObject()) {
        problems.add(path + ": expected an object, got " + describe(value));
      } else {
        check(path + ".", (ObjectNode) value, c, problems);
      }
    } else {
      throw new IllegalStateException("spec field " + path + " has an unsupported type " + type);
    }
    return problems.size() == before
        || (type instanceof Class<?> c && c.isRecord() && value.isObject());
  }

  /** The component that collects unknown fields for {@code validate()} to report. */
  private static boolean capturesUnknown(Class<?> type, RecordComponent c) {
    try {
      return type.getDeclaredField(c.getName()).isAnnotationPresent(JsonAnySetter.class);
    } catch (NoSuchFieldException e) {
      return false;
    }
  }

  private static boolean isWhole(double d) {
    return !Double.isInfinite(d) && d == Math.rint(d);
  }

  private static String describe(JsonNode value) {
    String kind =
        switch (value.getNodeType()) {
          case ARRAY -> "a list";
          case OBJECT -> "an object";
          case STRING -> "a string";
          case NUMBER -> "a number";
          case BOOLEAN -> "a boolean";
          case NULL -> "null";
          default -> value.getNodeType().name().toLowerCase();
        };
    return value.isValueNode() && !value.isNull()
        ? kind + " (" + shorten(value.toString()) + ")"
        : kind;
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  private static List<String> capped(List<String> problems) {
    if (problems.size() <= MAX_PROBLEMS) {
      return problems;
    }
    List<String> first = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
    first.add("... and " + (problems.size() - MAX_PROBLEMS) + " more problems");
    return first;
  }
}
