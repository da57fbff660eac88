package io.tfmesh.preflight;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.tfmesh.fabric.kubernetes.NodeInfo;
import org.jspecify.annotations.Nullable;

/** Every control node has at least the memory or disk a rule of least sizes names. */
final class CapacityCheck {

	static final CapacityCheck MEMORY = new CapacityCheck(RuleDefinition.MEMORY, "memory",
			NodeInfo::memoryCapacity);

	static final CapacityCheck DISK = new CapacityCheck(RuleDefinition.DISK, "ephemeral-storage",
			NodeInfo::ephemeralStorageCapacity);

	private final RuleDefinition definition;

	private final String field;

	private final Function<NodeInfo, @Nullable String> reading;

	private CapacityCheck(RuleDefinition definition, String field, Function<NodeInfo, @Nullable String> reading) {
		this.definition = definition;
		this.field = field;
		this.reading = reading;
	}

	CheckResult check(PreflightInput input) {
		PreflightRule rule = input.rules().get(definition.key());
		Integer minimum = (rule != null) ? rule.minimumGib() : null;
		String source = "Kubernetes node status.capacity." + field;
		String wanted = (minimum != null) ? "at least " + minimum + " GiB" : "a rule that is not set";
		List<Evidence> evidence = new ArrayList<>();
		String unread = input.nodesUnread();
		if (unread != null) {
			evidence.add(new Evidence(null, null, source + ": " + unread, wanted, Verdict.UNKNOWN));
		}
		else {
			for (NodeInfo node : input.controlNodes()) {
				String value = reading.apply(node);
				Optional<BigDecimal> bytes = (value != null) ? Quantities.bytes(value) : Optional.empty();
				Verdict verdict = (bytes.isEmpty() || minimum == null) ? Verdict.UNKNOWN
						: Quantities.atLeastGib(bytes.get(), minimum) ? Verdict.PASS : Verdict.FAIL;
				String shown = bytes.map(b -> value + " (" + Quantities.gib(b) + ")").orElse(value);
				String where = (value == null) ? source + ": not reported"
						: bytes.isEmpty() ? source + ": not a Kubernetes quantity" : source;
				evidence.add(new Evidence(node.name(), shown, where, wanted, verdict));
			}
		}
		String what = field.equals("memory") ? "memory" : "disk";
		String failing = String.join(", ",
				evidence.stream().filter(e -> e.verdict() == Verdict.FAIL).map(Evidence::node).toList());
		return CheckResult.of(definition.key(), definition.title(), evidence,
				"Every control node has enough " + what + ".", failing + " " + (failing.contains(",") ? "have" : "has")
						+ " less " + what + " than the rule wants.",
				evidence.isEmpty() ? "No master, control-plane or TF controller node was read."
						: "The " + what + " of some control nodes is not known.");
	}

}
