package io.tfmesh.emulator.tf;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Python's {@code repr} and {@code pformat} of JSON values: contrail-api builds its error
 * messages with them, and clients match on that text.
 */
final class PyRepr {

	private static final int PFORMAT_WIDTH = 80;

	private PyRepr() {
	}

	/** {@code pformat} of a list of strings, as used for fq_names: one line, or one item a line. */
	static String pformat(List<String> items) {
		String oneLine = strings(items);
		if (oneLine.length() <= PFORMAT_WIDTH || items.size() < 2) {
			return oneLine;
		}
		List<String> quoted = new ArrayList<>();
		items.forEach(item -> quoted.add(string(item)));
		return "[" + String.join(",\n ", quoted) + "]";
	}

	/** {@code str()} of a list of strings. */
	static String strings(List<String> items) {
		List<String> quoted = new ArrayList<>();
		items.forEach(item -> quoted.add(string(item)));
		return "[" + String.join(", ", quoted) + "]";
	}

	static String repr(JsonNode node) {
		if (node.isObject()) {
			List<String> entries = new ArrayList<>();
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				entries.add(string(entry.getKey()) + ": " + repr(entry.getValue()));
			}
			return "{" + String.join(", ", entries) + "}";
		}
		if (node.isArray()) {
			List<String> items = new ArrayList<>();
			for (Iterator<JsonNode> it = node.values().iterator(); it.hasNext();) {
				items.add(repr(it.next()));
			}
			return "[" + String.join(", ", items) + "]";
		}
		if (node.isString()) {
			return string(node.asString());
		}
		if (node.isBoolean()) {
			return node.asBoolean() ? "True" : "False";
		}
		if (node.isNull() || node.isMissingNode()) {
			return "None";
		}
		return node.asString();
	}

	static String string(String value) {
		char quote = value.indexOf('\'') >= 0 && value.indexOf('"') < 0 ? '"' : '\'';
		StringBuilder out = new StringBuilder().append(quote);
		for (char c : value.toCharArray()) {
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c == quote) {
						out.append('\\').append(c);
					}
					else if (c < 0x20 || c == 0x7f) {
						out.append(String.format("\\x%02x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append(quote).toString();
	}

}
