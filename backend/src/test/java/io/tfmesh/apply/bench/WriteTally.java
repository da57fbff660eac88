package io.tfmesh.apply.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Each object's accepted writes, as an emulator counted them, held against the objects a plan
 * had to write: every one of them once, and nothing else.
 *
 * @param once expected objects written exactly once
 * @param missing expected objects never written
 * @param repeated objects written more than once, with their counts
 * @param unexpected objects written that the plan did not name
 */
record WriteTally(int once, List<String> missing, Map<String, Long> repeated, List<String> unexpected) {

	WriteTally {
		missing = List.copyOf(missing);
		repeated = Map.copyOf(repeated);
		unexpected = List.copyOf(unexpected);
	}

	static WriteTally of(Map<String, Long> counted, Set<String> expected) {
		int once = 0;
		ArrayList<String> missing = new ArrayList<>();
		TreeMap<String, Long> repeated = new TreeMap<>();
		ArrayList<String> unexpected = new ArrayList<>();
		for (String object : new TreeSet<>(expected)) {
			long writes = counted.getOrDefault(object, 0L);
			if (writes == 0) {
				missing.add(object);
			}
			else if (writes == 1) {
				once++;
			}
		}
		new TreeMap<>(counted).forEach((object, writes) -> {
			if (writes > 1) {
				repeated.put(object, writes);
			}
			if (!expected.contains(object) && writes > 0) {
				unexpected.add(object);
			}
		});
		return new WriteTally(once, missing, repeated, unexpected);
	}

	/** Adds another emulator's tally. */
	WriteTally plus(WriteTally other) {
		ArrayList<String> allMissing = new ArrayList<>(missing);
		allMissing.addAll(other.missing);
		TreeMap<String, Long> allRepeated = new TreeMap<>(repeated);
		allRepeated.putAll(other.repeated);
		ArrayList<String> allUnexpected = new ArrayList<>(unexpected);
		allUnexpected.addAll(other.unexpected);
		return new WriteTally(once + other.once, allMissing, allRepeated, allUnexpected);
	}

	static WriteTally empty() {
		return new WriteTally(0, List.of(), Map.of(), List.of());
	}

	boolean exactlyOnce() {
		return missing.isEmpty() && repeated.isEmpty() && unexpected.isEmpty();
	}

	String summary() {
		if (exactlyOnce()) {
			return once + " objects, each written exactly once";
		}
		return once + " objects written once; never written: " + first(missing) + "; written more than once: "
				+ first(List.copyOf(repeated.entrySet())) + "; written though not in the plan: " + first(unexpected);
	}

	private static String first(List<?> items) {
		return items.size() <= 5 ? items.toString()
				: items.subList(0, 5) + " and " + (items.size() - 5) + " more";
	}

}
