package io.tfmesh.apply;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What stops an apply names clusters and sources in plain words. */
class PlanApplierMessagesTest {

	@Test
	void anIncompleteObservationListsItsFailedSourcesSeparatedByCommas() {
		String message = PlanApplier.incomplete("aws-east",
				List.of("tungsten-fabric/config-api failed (UNREACHABLE)", "introspect 10.0.0.10:8083 timeout"));
		assertThat(message).isEqualTo("cluster aws-east could not be observed completely: "
				+ "tungsten-fabric/config-api failed (UNREACHABLE), introspect 10.0.0.10:8083 timeout")
			.doesNotContain("[", "]");
	}

	@Test
	void aClusterThatCouldNotBeObservedIsNamedWhenAStepNamesIt() {
		assertThat(PlanApplier.unobserved("gcp-west", 7, "connection refused"))
			.isEqualTo("cluster gcp-west could not be observed: connection refused");
		assertThat(PlanApplier.unobserved(null, 7, "connection refused"))
			.isEqualTo("cluster 7 could not be observed: connection refused");
	}

}
