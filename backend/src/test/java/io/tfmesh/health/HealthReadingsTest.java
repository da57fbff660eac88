package io.tfmesh.health;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthReadingsTest {

	private static final Instant READ_AT = Instant.parse("2026-06-01T12:00:00Z");

	private static final Duration STALE_AFTER = new HealthSettings(Duration.ofSeconds(30), 16, Duration.ofSeconds(5),
			Duration.ofDays(7), true).staleAfter();

	private static final String AGENT_DOWN = "XMPP:control-node:10.177.192.154 connection down, No Configuration for self";

	@Test
	void aReadingIsServedAsReadUntilThreePollIntervalsHavePassed() {
		Reading control = reading("master", "control", "control", "active", null);

		ServedReading fresh = HealthReadings.serve(control, READ_AT.plusSeconds(89), STALE_AFTER);

		assertThat(fresh.state()).isEqualTo("active");
		assertThat(fresh.ageSeconds()).isEqualTo(89);
		assertThat(fresh.stale()).isFalse();
		assertThat(fresh.source()).isEqualTo(control.source());
	}

	@Test
	void aReadingThreePollIntervalsOldIsUnknownNeverItsLastState() {
		Reading control = reading("master", "control", "control", "active", null);

		ServedReading stale = HealthReadings.serve(control, READ_AT.plusSeconds(90), STALE_AFTER);

		assertThat(stale.state()).isEqualTo("unknown");
		assertThat(stale.description()).isEqualTo("not read for 90 s");
		assertThat(stale.stale()).isTrue();
		assertThat(stale.ageSeconds()).isEqualTo(90);
		assertThat(stale.readAt()).isEqualTo(READ_AT);
		assertThat(stale.source()).isEqualTo("introspect 10.0.0.1:8083");
	}

	@Test
	void aReadingFromTheFutureHasNoNegativeAge() {
		ServedReading served = HealthReadings.serve(reading("master", "control", "control", "active", null),
				READ_AT.minusSeconds(2), STALE_AFTER);

		assertThat(served.ageSeconds()).isZero();
		assertThat(served.state()).isEqualTo("active");
	}

	@Test
	void theWorstStateAndTheCountsCoverEveryState() {
		List<ServedReading> served = List.of(served("m", "control", "control", "active", null),
				served("m", "kubernetes", "kube-manager", "backup", null),
				served("m", "config", "api", "timeout", null), served("m", "config", "schema", "unknown", null));

		assertThat(HealthReadings.worst(served)).isEqualTo("timeout");
		assertThat(HealthReadings.counts(served)).containsExactly(entry("inactive", 0), entry("initializing", 0),
				entry("timeout", 1), entry("unknown", 1), entry("backup", 1), entry("active", 1));
		assertThat(HealthReadings.worst(List.of(served("m", "vrouter", "agent", "initializing", AGENT_DOWN),
				served("m", "config-database", "zookeeper", "inactive", null)))).isEqualTo("inactive");
		assertThat(HealthReadings.worst(List.of())).isEqualTo("unknown");
	}

	@Test
	void aClusterIsHealthyOnlyWhenEveryServiceIsActiveOrAStandby() {
		List<ServedReading> active = new ArrayList<>(List.of(served("m", "control", "control", "active", null),
				served("m", "kubernetes", "kube-manager", "backup", null)));
		assertThat(HealthReadings.healthy(active)).isTrue();
		assertThat(HealthReadings.verdict(active)).isEqualTo("every TF service is active");

		active.add(served("w", "vrouter", "agent", "unknown", "introspect unreachable"));
		assertThat(HealthReadings.healthy(active)).isFalse();
		assertThat(HealthReadings.healthy(List.of())).isFalse();
		assertThat(HealthReadings.verdict(List.of())).isEqualTo("no TF service was read");
	}

	@Test
	void theVerdictNamesTheWorstLineAndItsNode() {
		List<ServedReading> served = List.of(served("w", "vrouter", "agent", "initializing", AGENT_DOWN),
				served("m", "control", "control", "initializing", "No BGP configuration for self"),
				served("m", "config-database", "zookeeper", "inactive", null),
				served("m", "control", "nodemgr", "active", null));

		assertThat(HealthReadings.verdict(served)).isEqualTo("zookeeper: inactive on m; 2 more not active");
		assertThat(HealthReadings.verdict(List.of(served.get(1))))
			.isEqualTo("control: initializing (No BGP configuration for self) on m");
	}

	/**
	 * The seed's two outputs as tf-container-builder's contrail-status printed them
	 * ({@code cloudops/k8s_tf_demo:presentation/presentation.md}, reference §2.2): one block per
	 * pod, headed {@code == Contrail <pod> ==}, its services in contrail-status's order, a blank
	 * line after each pod. The readings arrive in any order.
	 */
	@Test
	void contrailStatusFollowsTheSeedOutputLineForLine() throws IOException {
		List<ServedReading> served = List.of(served("k8s-worker", "vrouter", "agent", "initializing", AGENT_DOWN),
				served("k8s-master", "vrouter", "agent", "initializing", AGENT_DOWN),
				served("k8s-master", "control", "dns", "active", null),
				served("k8s-master", "vrouter", "nodemgr", "active", null),
				served("k8s-master", "control", "named", "active", null),
				served("k8s-master", "control", "nodemgr", "active", null),
				served("k8s-worker", "vrouter", "nodemgr", "active", null),
				served("k8s-master", "control", "control", "initializing", "No BGP configuration for self"));

		assertThat(HealthReadings.contrailStatus(served).lines())
			.containsExactlyElementsOf(fixture("contrail-status-seed.txt").lines().toList());
	}

	/**
	 * The one-line install's output
	 * ({@code tungstenfabric/website:Tungsten-Fabric-Centos-one-line-install-on-k8s.md}, reference
	 * §2.2): a description is kept as the process gave it, trailing space included.
	 */
	@Test
	void contrailStatusFollowsTheOneLineInstallOutputLineForLine() throws IOException {
		List<ServedReading> served = List.of(served("a6s45", "kubernetes", "kube-manager", "active", null),
				served("a6s45", "config", "zookeeper", "inactive", null),
				served("a6s45", "config", "api", "active", null), served("a6s45", "control", "dns", "active", null),
				served("a6s45", "control", "named", "active", null),
				served("a6s45", "control", "nodemgr", "initializing", "NTP state unsynchronized. "),
				served("a6s45", "control", "control", "active", null));

		assertThat(HealthReadings.contrailStatus(served)).isEqualTo(fixture("contrail-status-one-line-install.txt"));
	}

	@Test
	void configApiWorkersPrintInTheApisPlaceInWorkerOrder() {
		List<ServedReading> served = List.of(served("m", "config", "schema", "active", null),
				served("m", "config", "api-1", "active", null), served("m", "config", "api-0", "active", null));

		assertThat(HealthReadings.contrailStatus(served))
			.isEqualTo("Node m\n\n== Contrail config ==\napi-0: active\napi-1: active\nschema: active\n\n");
	}

	private static String fixture(String name) throws IOException {
		try (InputStream in = HealthReadingsTest.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static java.util.Map.Entry<String, Long> entry(String state, long count) {
		return java.util.Map.entry(state, count);
	}

	private static Reading reading(String node, String pod, String service, String state,
			@Nullable String description) {
		return new Reading(node, pod, service, state, description, "introspect 10.0.0.1:8083", READ_AT);
	}

	private static ServedReading served(String node, String pod, String service, String state,
			@Nullable String description) {
		return HealthReadings.serve(reading(node, pod, service, state, description), READ_AT, STALE_AFTER);
	}

}
