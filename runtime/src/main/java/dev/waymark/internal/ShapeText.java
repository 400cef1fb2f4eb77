package dev.waymark.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a step, as the processor writes it (one item a line) and as a stored workflow
 * recorded it, and the rule that decides whether values stored with one shape may be read with
 * another:
 *
 * <pre>
 * in int
 * in java.util.List&lt;com.example.Stat&gt;
 * state com.example.Progress
 * out com.example.Stat
 * record com.example.Stat(item java.lang.String, qty int, price int)
 * enum com.example.Color{BLUE, GREEN, RED}
 * </pre>
 *
 * Records are written component by component, in order, so any change to a record is a different
 * shape. Enums are written by constant name, so a recorded enum may gain constants; losing one is a
 * different shape.
 */
final class ShapeText {
  private static final Pattern QUALIFIED =
      Pattern.compile("\\b(?:[a-z_][\\w$]*\\.)+([A-Z][\\w$]*)");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*");

  private ShapeText() {}

  /**
   * A parsed shape: the input types in order, the state type (null: none), the result type, and the
   * records (name to components) and enums (name to constants) those reach.
   */
  record Shape(
      List<String> inputs,
      String state,
      String out,
      Map<String, String> records,
      Map<String, Set<String>> enums) {}

  static Shape parse(String text) {
    List<String> inputs = new ArrayList<>();
    String state = null;
    String out = null;
    Map<String, String> records = new LinkedHashMap<>();
    Map<String, Set<String>> enums = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int space = line.indexOf(' ');
      if (space < 0) {
        continue;
      }
      String kind = line.substring(0, space);
      String rest = line.substring(space + 1);
      switch (kind) {
        case "in" -> inputs.add(rest);
        case "state" -> state = rest;
        case "out" -> out = rest;
        case "record" -> {
          int open = rest.indexOf('(');
          if (open > 0) {
            records.put(rest.substring(0, open), rest.substring(open));
          }
        }
        case "enum" -> {
          int open = rest.indexOf('{');
          if (open > 0 && rest.endsWith("}")) {
            String body = rest.substring(open + 1, rest.length() - 1);
            enums.put(
                rest.substring(0, open),
                body.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(body.split(", "))));
          }
        }
        default -> {
          // an item a later Waymark writes: no rule of this one compares it
        }
      }
    }
    return new Shape(List.copyOf(inputs), state, out, records, enums);
  }

  /**
   * What a change is: the type it is in ({@code record Stat}; null when it is in the step's own
   * signature) and how it changed.
   */
  record Change(String type, String detail) {}

  /**
   * Why values stored by a step of shape {@code recorded} cannot be used with {@code current}, or
   * null when they can. With {@code readOnly}, only the result is read (a finished task's output),
   * so only the result type and the types it reaches must match; otherwise the step runs, and its
   * inputs and state must match too.
   */
  static Change difference(Shape recorded, Shape current, boolean readOnly) {
    Set<String> types = new LinkedHashSet<>();
    if (readOnly) {
      reach(recorded, recorded.out(), types);
    } else {
      types.addAll(recorded.records().keySet());
      types.addAll(recorded.enums().keySet());
    }
    for (String type : types) {
      String was = recorded.records().get(type);
      if (was != null) {
        String now = current.records().get(type);
        if (now != null && !now.equals(was)) {
          return new Change("record " + brief(type), brief(was) + " is now " + brief(now));
        }
        continue;
      }
      Set<String> constants = recorded.enums().get(type);
      Set<String> now = current.enums().get(type);
      if (constants != null && now != null && !now.containsAll(constants)) {
        Set<String> lost = new LinkedHashSet<>(constants);
        lost.removeAll(now);
        return new Change(
            "enum " + brief(type),
            "it lost "
                + (lost.size() == 1 ? "constant " : "constants ")
                + String.join(", ", lost)
                + ", which stored values may hold");
      }
    }
    if (!Objects.equals(recorded.out(), current.out())) {
      return new Change(
          null, "its result " + brief(recorded.out()) + " is now " + brief(current.out()));
    }
    if (readOnly) {
      return null;
    }
    if (!recorded.inputs().equals(current.inputs())) {
      return new Change(
          null,
          "its inputs "
              + brief("(" + String.join(", ", recorded.inputs()) + ")")
              + " are now "
              + brief("(" + String.join(", ", current.inputs()) + ")"));
    }
    if (!Objects.equals(recorded.state(), current.state())) {
      return new Change(
          null,
          "its Checkpointer state "
              + brief(recorded.state())
              + " is now "
              + brief(current.state()));
    }
    return null;
  }

  /** Adds the records and enums that {@code type} reaches, through record components. */
  private static void reach(Shape shape, String type, Set<String> into) {
    if (type == null) {
      return;
    }
    ArrayDeque<String> pending = new ArrayDeque<>();
    pending.add(type);
    while (!pending.isEmpty()) {
      Matcher names = NAME.matcher(pending.poll());
      while (names.find()) {
        String name = names.group();
        if (shape.records().containsKey(name) && into.add(name)) {
          pending.add(shape.records().get(name));
        } else if (shape.enums().containsKey(name)) {
          into.add(name);
        }
      }
    }
  }

  /** {@code text} with packages left out: {@code java.util.List<com.x.Stat>} reads List<Stat>. */
  static String brief(String text) {
    return text == null ? "(none)" : QUALIFIED.matcher(text).replaceAll("$1");
  }
}
