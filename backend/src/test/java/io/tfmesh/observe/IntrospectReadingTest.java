package io.tfmesh.observe;

import java.time.Instant;
import java.util.List;

import io.tfmesh.observe.ObservedState.ProcessHealth;
import io.tfmesh.observe.ObservedState.SourceReading;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntrospectReadingTest {

	private static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z");

	@Test
	void everyProcessAnsweringIsOk() {
		SourceReading reading = ClusterObserver.introspectReading(
				List.of(read("control", "active", null), container("named")), 12);

		assertThat(reading.status()).isEqualTo("ok");
		assertThat(reading.message()).isNull();
	}

	@Test
	void aStandbyThatDoesNotListenIsNotAFailedRead() {
		SourceReading reading = ClusterObserver.introspectReading(
				List.of(read("control", "active", null), read("kube-manager", "backup", "connection refused")), 12);

		assertThat(reading.ok()).isTrue();
	}

	@Test
	void someUnreadProcessesMakeAPartialReadingThatSaysWhy() {
		SourceReading reading = ClusterObserver.introspectReading(List.of(read("control", "active", null),
				read("agent", "unknown", "10.0.0.2:8085 is unreachable"), container("named")), 12);

		assertThat(reading.status()).isEqualTo("partial");
		assertThat(reading.ok()).isFalse();
		assertThat(reading.message()).isEqualTo("1 of 2 introspect reads failed; agent on node-1: 10.0.0.2:8085 is unreachable");
	}

	@Test
	void noProcessAnsweringIsAFailedReading() {
		SourceReading reading = ClusterObserver.introspectReading(
				List.of(read("control", "unknown", "unreachable"), read("agent", "timeout", "did not answer")), 12);

		assertThat(reading.status()).isEqualTo("failed");
		assertThat(reading.message()).startsWith("2 of 2 introspect reads failed");
	}

	private static ProcessHealth read(String service, String state, String failure) {
		return new ProcessHealth("node-1", "control", service, state, null, "introspect 10.0.0.2:8083", NOW, service,
				failure);
	}

	private static ProcessHealth container(String service) {
		return new ProcessHealth("node-1", "control", service, "active", null, "container " + service + " running",
				NOW, service, null);
	}

}
