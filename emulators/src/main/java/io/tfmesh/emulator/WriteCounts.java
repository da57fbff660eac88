package io.tfmesh.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many writes an emulated server accepted, per object, so a test can tell a write done once
 * from a write done twice. Refused writes and reads are not counted.
 */
public final class WriteCounts {

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	/** Counts one accepted write of the object. */
	public void count(String objectKey) {
		counts.computeIfAbsent(objectKey, key -> new LongAdder()).increment();
	}

	/** The accepted writes of one object, 0 for an object never written. */
	public long writes(String objectKey) {
		LongAdder count = counts.get(objectKey);
		return (count != null) ? count.sum() : 0;
	}

	/** Every object written, sorted by key, with its count. */
	public Map<String, Long> snapshot() {
		Map<String, Long> snapshot = new TreeMap<>();
		counts.forEach((key, count) -> snapshot.put(key, count.sum()));
		return snapshot;
	}

	public void reset() {
		counts.clear();
	}

}
