package io.tfmesh.observe;

import io.tfmesh.observe.ObservedState.SettingDrift;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A setting the two containers disagree on reads as a sentence, whichever values tfmesh knows. */
class SettingDriftTest {

	@Test
	void aValueTheEntrypointComputesIsSaidInWordsNotAsNull() {
		SettingDrift drift = new SettingDrift("KUBERNETES_POD_SUBNETS", "10.48.0.0/12", "configmap/kube-manager-config",
				null, "entrypoint default");
		assertThat(drift.describe()).isEqualTo("KUBERNETES_POD_SUBNETS: kube-manager runs with 10.48.0.0/12 "
				+ "(configmap/kube-manager-config), the vrouter agent with the value its entrypoint computes at start "
				+ "(entrypoint default)")
			.doesNotContain("null");
	}

}
