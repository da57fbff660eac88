package io.tfmesh.mesh;

import java.util.List;

import io.tfmesh.net.Cidr;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages about blocks name them as people write CIDRs, not as a Java list prints. */
class AllocationMessagesTest {

	@Test
	void aReservationThatOverlapsBlocksNamesThemSeparatedByCommas() {
		String message = AllocationService.overlap(Cidr.parse("100.64.0.0/15"),
				List.of(Cidr.parse("100.64.0.0/16"), Cidr.parse("100.65.0.0/24")), "prod");
		assertThat(message).isEqualTo("100.64.0.0/15 overlaps 100.64.0.0/16, 100.65.0.0/24 of mesh prod")
			.doesNotContain("[", "]");
	}

}
