package io.tfmesh.preflight;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.tfmesh.fabric.kubernetes.KubeadmConfig;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.observe.ObservedState.Setting;
import org.jspecify.annotations.Nullable;

/**
 * Both consumers of KUBERNETES_POD_SUBNETS run with kubeadm's pod subnet: kube-manager gives
 * pods their addresses from it, the vrouter agent routes it over vhost0
 * (tf-container-builder {@code containers/vrouter/base/agent-functions.sh},
 * {@code add_k8s_pod_cidr_route}). Each reads it from its own DaemonSet's ConfigMaps, so one can
 * be right while the other is not.
 */
final class PodSubnetCheck {

	static final String KEY = "pod-subnets";

	static final String TITLE = "Pod subnets of kube-manager and the vrouter agent";

	private static final String SETTING = "KUBERNETES_POD_SUBNETS";

	private PodSubnetCheck() {
	}

	static CheckResult check(PreflightInput input) {
		ObservedState state = input.state();
		List<Evidence> evidence = new ArrayList<>();
		if (state == null) {
			evidence.add(new Evidence(null, null, "the cluster was never observed", "kubeadm's podSubnet",
					Verdict.UNKNOWN));
		}
		else {
			KubeadmConfig kubeadm = state.kubeadm();
			String podSubnet = (kubeadm != null) ? kubeadm.podSubnet() : null;
			String wanted = (podSubnet != null) ? podSubnet + ", kubeadm's podSubnet (kube-system/kubeadm-config)"
					: (kubeadm == null) ? "kubeadm's podSubnet, but kube-system/kubeadm-config was not read"
							: "kubeadm's podSubnet, but kube-system/kubeadm-config sets none";
			evidence.add(consumer("contrail-kube-manager", state.kubeManager(), podSubnet, wanted));
			evidence.add(consumer("contrail-vrouter-agent", state.vrouterAgent(), podSubnet, wanted));
		}
		String failing = String.join(" and ", evidence.stream()
			.filter(e -> e.verdict() == Verdict.FAIL)
			.map(e -> e.source().substring(0, e.source().indexOf(' ')))
			.toList());
		return CheckResult.of(KEY, TITLE, evidence, "kube-manager and the vrouter agent run with kubeadm's pod subnet.",
				failing + " " + (failing.contains(" and ") ? "run" : "runs") + " with pod subnets other than kubeadm's.",
				"The pod subnets of kubeadm or of a consumer are not known.");
	}

	private static Evidence consumer(String container, List<Setting> settings, @Nullable String podSubnet,
			String wanted) {
		String source = container + " " + SETTING;
		Setting setting = settings.stream().filter(s -> s.key().equals(SETTING)).findFirst().orElse(null);
		if (setting == null) {
			return new Evidence(null, null, source + ": its settings were not read", wanted, Verdict.UNKNOWN);
		}
		String from = source + " (" + setting.origin() + ")";
		if (setting.unknown() || setting.value() == null) {
			return new Evidence(null, null, from, wanted, Verdict.UNKNOWN);
		}
		if (podSubnet == null) {
			return new Evidence(null, setting.value(), from, wanted, Verdict.UNKNOWN);
		}
		Verdict verdict = subnets(setting.value()).equals(subnets(podSubnet)) ? Verdict.PASS : Verdict.FAIL;
		return new Evidence(null, setting.value(), from, wanted, verdict);
	}

	/** kube-manager splits its setting on spaces, kubeadm lists a dual-stack pair with a comma. */
	private static Set<String> subnets(String value) {
		return new TreeSet<>(Arrays.stream(value.strip().split("[,\\s]+")).filter(s -> !s.isEmpty()).toList());
	}

}
