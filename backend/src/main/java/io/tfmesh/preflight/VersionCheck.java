package io.tfmesh.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.tfmesh.fabric.kubernetes.NodeInfo;
import org.jspecify.annotations.Nullable;

/** Every node reports a version that a rule of allowed versions holds. */
final class VersionCheck {

	static final VersionCheck KERNEL = new VersionCheck(RuleDefinition.KERNEL, "kernelVersion",
			NodeInfo::kernelVersion);

	static final VersionCheck KUBELET = new VersionCheck(RuleDefinition.KUBELET, "kubeletVersion",
			NodeInfo::kubeletVersion);

	static final VersionCheck RUNTIME = new VersionCheck(RuleDefinition.RUNTIME, "containerRuntimeVersion",
			NodeInfo::containerRuntimeVersion);

	private final RuleDefinition definition;

	private final String field;

	private final Function<NodeInfo, @Nullable String> reading;

	private VersionCheck(RuleDefinition definition, String field, Function<NodeInfo, @Nullable String> reading) {
		this.definition = definition;
		this.field = field;
		this.reading = reading;
	}

	CheckResult check(PreflightInput input) {
		PreflightRule rule = input.rules().get(definition.key());
		String source = "Kubernetes node status.nodeInfo." + field;
		String wanted = (rule != null && rule.allowed() != null) ? rule.wanted() : "a rule that is not set";
		List<Evidence> evidence = new ArrayList<>();
		String unread = input.nodesUnread();
		if (unread != null) {
			evidence.add(new Evidence(null, null, source + ": " + unread, wanted, Verdict.UNKNOWN));
		}
		else {
			for (NodeInfo node : input.nodes()) {
				String value = reading.apply(node);
				Verdict verdict = (value == null || value.isBlank() || rule == null || rule.allowed() == null)
						? Verdict.UNKNOWN
						: AllowedVersions.allows(rule.allowed(), value) ? Verdict.PASS : Verdict.FAIL;
				evidence.add(new Evidence(node.name(), (value == null || value.isBlank()) ? null : value,
						(value == null || value.isBlank()) ? source + ": not reported" : source, wanted, verdict));
			}
		}
		String what = definition.title().toLowerCase();
		return CheckResult.of(definition.key(), definition.title(), evidence,
				"Every node runs an allowed " + what + ".",
				failing(evidence) + " " + (failing(evidence).contains(",") ? "run" : "runs") + " a " + what
						+ " the rule does not allow.",
				evidence.isEmpty() ? "No node was read." : "The " + what + " of some nodes is not known.");
	}

	private static String failing(List<Evidence> evidence) {
		return String.join(", ",
				evidence.stream().filter(e -> e.verdict() == Verdict.FAIL).map(Evidence::node).toList());
	}

}
