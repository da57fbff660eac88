package io.tfmesh.intent;

import java.util.List;

import io.tfmesh.plan.IntentSpec.PortRange;
import io.tfmesh.system.error.FieldProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortRangesTest {

	@Test
	void readsPortsAndRangesAscendingWithOverlappingAndAdjacentOnesMerged() {
		PortRanges.Parsed parsed = PortRanges.parse("ports", List.of("9090", " 8000 - 8100 ", "8050-8200", "8201", "443"));

		assertThat(parsed.problems()).isEmpty();
		assertThat(parsed.ranges()).containsExactly(new PortRange(443, 443), new PortRange(8000, 8201),
				new PortRange(9090, 9090));
		assertThat(PortRanges.format(parsed.ranges())).isEqualTo("443,8000-8201,9090");
	}

	@Test
	void theSamePortsWrittenInAnotherOrderAreStoredAlike() {
		String one = PortRanges.format(PortRanges.parse("ports", List.of("8080", "8081")).ranges());
		String other = PortRanges.format(PortRanges.parse("ports", List.of("8081", "8080-8081")).ranges());

		assertThat(one).isEqualTo(other).isEqualTo("8080-8081");
	}

	@Test
	void namesEveryEntryThatIsNoPortOrRange() {
		PortRanges.Parsed parsed = PortRanges.parse("ports",
				List.of("0", "65535", "65536", "8100-8000", "http", "80-", "1-65535"));

		assertThat(parsed.problems()).extracting(FieldProblem::field)
			.containsExactly("ports[0]", "ports[2]", "ports[3]", "ports[4]", "ports[5]");
		assertThat(parsed.problems().get(0).message()).contains("between 1 and 65535");
		assertThat(parsed.problems().get(2).message()).contains("starts above its end");
		assertThat(parsed.problems().get(3).message()).contains("'http' is not a port");
		assertThat(parsed.ranges()).containsExactly(new PortRange(1, 65535));
	}

	@Test
	void readsWhatItWrote() {
		List<PortRange> ranges = List.of(new PortRange(53, 53), new PortRange(8000, 8100));

		assertThat(PortRanges.read(PortRanges.format(ranges))).isEqualTo(ranges);
		assertThat(PortRanges.read("")).isEmpty();
		assertThat(PortRanges.texts(ranges)).containsExactly("53", "8000-8100");
	}

}
