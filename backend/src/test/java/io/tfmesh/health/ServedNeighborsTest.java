package io.tfmesh.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tfmesh.fabric.introspect.BgpNeighbor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServedNeighborsTest {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	private static final Duration STALE_AFTER = Duration.ofSeconds(90);

	private static final BgpNeighbor PEER = new BgpNeighbor("aws-east-master", "10.10.0.10", 64513, "BGP", "external",
			"Established", "external-control-node", 64512);

	@Test
	void aFreshListIsServedAsRead() {
		ServedNeighbors served = ServedNeighbors.of(list(NOW.minusSeconds(89), null), NOW, STALE_AFTER);

		assertThat(served.known()).isTrue();
		assertThat(served.unknownBecause()).isNull();
		assertThat(served.ageSeconds()).isEqualTo(89);
		assertThat(served.neighbors()).containsExactly(PEER);
	}

	@Test
	void aListThreeIntervalsOldIsUnknownAndShowsNoPeerEstablished() {
		ServedNeighbors served = ServedNeighbors.of(list(NOW.minusSeconds(90), null), NOW, STALE_AFTER);

		assertThat(served.known()).isFalse();
		assertThat(served.unknownBecause()).isEqualTo("not read for 90 s");
		assertThat(served.neighbors()).isEmpty();
	}

	@Test
	void aListThatCouldNotBeReadIsUnknownWithWhy() {
		ServedNeighbors served = ServedNeighbors.of(list(NOW, "http://10.20.0.10:8083/Snh_BgpNeighborReq did not answer"),
				NOW, STALE_AFTER);

		assertThat(served.known()).isFalse();
		assertThat(served.unknownBecause()).isEqualTo("not read: http://10.20.0.10:8083/Snh_BgpNeighborReq did not answer");
		assertThat(served.neighbors()).isEmpty();
	}

	private static BgpNeighborList list(Instant readAt, String failure) {
		// a failed read stores no neighbor; the list here holds one, so serving it must drop it
		return new BgpNeighborList("gcp-west-master", "introspect 10.20.0.10:8083/Snh_BgpNeighborReq", readAt, failure,
				List.of(PEER));
	}

}
