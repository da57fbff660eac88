package io.tfmesh.apply;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * What a step records between its reads and its writes, in its result, so that an attempt after
 * a crash acts on what the first attempt saw rather than on what is there now.
 */
final class StepProgress {

	private final @Nullable String recorded;

	private final Consumer<String> store;

	/**
	 * @param recorded the step's result as an earlier attempt left it
	 * @param store saves a new result before the writes it announces
	 */
	StepProgress(@Nullable String recorded, Consumer<String> store) {
		this.recorded = recorded;
		this.store = store;
	}

	/** @return the names recorded under that label, e.g. {@code restarting pods: a, b} */
	Optional<List<String>> recorded(String label) {
		String prefix = label + ": ";
		if (recorded == null || !(recorded.startsWith(prefix) || recorded.equals(label + ":"))) {
			return Optional.empty();
		}
		String names = recorded.length() > prefix.length() ? recorded.substring(prefix.length()) : "";
		return Optional.of(names.isBlank() ? List.of() : Arrays.stream(names.split(", ")).toList());
	}

	void record(String label, List<String> names) {
		store.accept(names.isEmpty() ? label + ":" : label + ": " + String.join(", ", names));
	}

}
