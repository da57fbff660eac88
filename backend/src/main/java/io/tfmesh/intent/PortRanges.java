package io.tfmesh.intent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfmesh.plan.IntentSpec.PortRange;
import io.tfmesh.system.error.FieldProblem;

/**
 * Ports as people write them ({@code 8080}, {@code 8000-8100}) and as intents keep them:
 * ascending, with overlapping and adjacent ranges merged, so that the same set of ports is
 * always stored as the same text and a duplicate intent is found whatever order it was written in.
 */
final class PortRanges {

	static final int MIN = 1;

	static final int MAX = 65535;

	private static final Pattern RANGE = Pattern.compile("(\\d{1,9})(?:\\s*-\\s*(\\d{1,9}))?");

	private PortRanges() {
	}

	/**
	 * Reads every entry, reporting each that is not a port or a range of ports under
	 * {@code field[index]}.
	 */
	static Parsed parse(String field, List<String> entries) {
		List<PortRange> ranges = new ArrayList<>();
		List<FieldProblem> problems = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			String entry = entries.get(i) == null ? "" : entries.get(i).strip();
			String path = field + "[" + i + "]";
			Matcher matcher = RANGE.matcher(entry);
			if (!matcher.matches()) {
				problems.add(new FieldProblem(path, "'" + entry + "' is not a port (" + MIN + "-" + MAX
						+ ") nor a range of ports such as 8000-8100"));
				continue;
			}
			int start = Integer.parseInt(matcher.group(1));
			int end = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : start;
			if (start < MIN || start > MAX || end < MIN || end > MAX) {
				problems.add(new FieldProblem(path, "'" + entry + "': ports are between " + MIN + " and " + MAX));
			}
			else if (start > end) {
				problems.add(new FieldProblem(path, "'" + entry + "': the range starts above its end"));
			}
			else {
				ranges.add(new PortRange(start, end));
			}
		}
		return new Parsed(normalize(ranges), problems);
	}

	/** Ascending, with ranges that overlap or touch merged into one. */
	static List<PortRange> normalize(List<PortRange> ranges) {
		List<PortRange> sorted = ranges.stream()
			.sorted(Comparator.comparingInt(PortRange::start).thenComparingInt(PortRange::end))
			.toList();
		List<PortRange> merged = new ArrayList<>();
		for (PortRange range : sorted) {
			PortRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
			if (last != null && range.start() <= last.end() + 1) {
				merged.set(merged.size() - 1, new PortRange(last.start(), Math.max(last.end(), range.end())));
			}
			else {
				merged.add(range);
			}
		}
		return List.copyOf(merged);
	}

	/** {@code 8000-8100,9090}; empty for no ranges. */
	static String format(List<PortRange> ranges) {
		return String.join(",", texts(ranges));
	}

	static List<String> texts(List<PortRange> ranges) {
		return ranges.stream()
			.map(range -> range.start() == range.end() ? Integer.toString(range.start())
					: range.start() + "-" + range.end())
			.toList();
	}

	/** Reads what {@link #format(List)} wrote. */
	static List<PortRange> read(String stored) {
		if (stored == null || stored.isBlank()) {
			return List.of();
		}
		List<PortRange> ranges = new ArrayList<>();
		for (String entry : stored.split(",")) {
			String[] bounds = entry.strip().split("-", 2);
			int start = Integer.parseInt(bounds[0]);
			ranges.add(new PortRange(start, (bounds.length > 1) ? Integer.parseInt(bounds[1]) : start));
		}
		return List.copyOf(ranges);
	}

	/** The ranges that were read, normalized, and what was wrong with the others. */
	record Parsed(List<PortRange> ranges, List<FieldProblem> problems) {
	}

}
