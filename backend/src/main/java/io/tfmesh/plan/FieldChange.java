package io.tfmesh.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/** One field of one object as a step leaves it: {@code KUBERNETES_POD_SUBNETS 10.32.0.0/12 → 100.64.0.0/16}. */
public record FieldChange(String field, @Nullable String before, @Nullable String after) {

	static List<FieldChange> of(Map<String, String> before, Map<String, String> after) {
		List<FieldChange> changes = new ArrayList<>();
		TreeSet<String> fields = new TreeSet<>(before.keySet());
		fields.addAll(after.keySet());
		for (String field : fields) {
			if (!Objects.equals(before.get(field), after.get(field))) {
				changes.add(new FieldChange(field, before.get(field), after.get(field)));
			}
		}
		return changes;
	}

	/** For one line of text: {@code field old → new}, with {@code (absent)} for a missing side. */
	public String describe() {
		return field + " " + (before == null ? "(absent)" : before) + " → " + (after == null ? "(absent)" : after);
	}

}
