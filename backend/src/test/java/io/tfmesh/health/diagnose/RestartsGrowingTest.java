package io.tfmesh.health.diagnose;

import java.time.Instant;
import java.util.List;

import io.tfmesh.health.ContainerRestarts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code restarts-growing} from records. */
class RestartsGrowingTest {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	private static final Instant BEFORE = NOW.minusSeconds(40);

	private static final Instant LATEST = NOW.minusSeconds(10);

	@Test
	void aCountThatGrewBetweenTheLastTwoPollsIsAWarningWithBothCounts() {
		List<Finding> findings = RestartsGrowing.of(List.of(restarts(3, 4, null)), NOW);

		assertThat(findings).singleElement().satisfies(finding -> {
			assertThat(finding.code()).isEqualTo("restarts-growing");
			assertThat(finding.severity()).isEqualTo(Finding.WARNING);
			assertThat(finding.node()).isEqualTo("gcp-west-master");
			assertThat(finding.cause()).contains("contrail-controller-control-x/contrail-controller-control", "3 → 4");
			assertThat(finding.evidence()).extracting(Finding.Evidence::value)
				.containsExactly("3 at " + BEFORE, "4 at " + LATEST);
			assertThat(finding.evidence()).extracting(Finding.Evidence::ageSeconds).containsExactly(40L, 10L);
			assertThat(finding.evidence()).extracting(Finding.Evidence::source).containsOnly("kubernetes/tf-pods");
			assertThat(finding.fix().kind()).isEqualTo("inspect-container-logs");
			assertThat(finding.fix().parameters()).containsEntry("namespace", "kube-system")
				.containsEntry("container", "contrail-controller-control");
		});
	}

	@Test
	void aSteadyCountAFirstReadingAndACrashLoopAreNoWarning() {
		assertThat(RestartsGrowing.of(List.of(restarts(4, 4, null)), NOW)).isEmpty();
		assertThat(RestartsGrowing.of(List.of(new ContainerRestarts("kube-system", "p", "c", "n", 7, null, LATEST, null,
				null)), NOW)).isEmpty();
		// crash-loop reports it
		assertThat(RestartsGrowing.of(List.of(restarts(4, 5, "CrashLoopBackOff")), NOW)).isEmpty();
	}

	@Test
	void aCountThatFellIsANewContainerNotARestart() {
		assertThat(RestartsGrowing.of(List.of(restarts(5, 0, null)), NOW)).isEmpty();
	}

	private static ContainerRestarts restarts(int before, int now, String waiting) {
		return new ContainerRestarts("kube-system", "contrail-controller-control-x", "contrail-controller-control",
				"gcp-west-master", now, waiting, LATEST, before, BEFORE);
	}

}
