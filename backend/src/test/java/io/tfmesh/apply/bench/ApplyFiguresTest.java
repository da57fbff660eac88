package io.tfmesh.apply.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class ApplyFiguresTest {

	@Test
	void theSpeedupIsTheStepsTimeOverTheWallTime() {
		ApplyFigures figures = new ApplyFigures(600, 600, 100, 16, Duration.ofMillis(4_000),
				Duration.ofMillis(48_000));

		assertThat(figures.speedup()).isEqualTo(12.0);
		assertThat(figures.meanStep()).isEqualTo(Duration.ofMillis(80));
		assertThat(figures.threadUse()).isEqualTo(0.75);
		assertThat(figures.lines()).containsExactly("steps                       600 (600 done), on 100 clusters",
				"worker threads              16", "apply wall time             4.000 s (plan applying -> applied)",
				"sum of the steps' times     48.000 s (80.0 ms per step)",
				"speedup                     12.0x (sum of step times / wall time; 75% of the threads busy)");
	}

	@Test
	void anApplySlowerThanItsStepsInARowShowsASpeedupBelowOne() {
		ApplyFigures figures = new ApplyFigures(3, 3, 1, 16, Duration.ofSeconds(9), Duration.ofSeconds(3));

		assertThat(figures.speedup()).isCloseTo(0.333, offset(0.001));
		assertThat(figures.lines().get(4)).startsWith("speedup                     0.3x");
	}

	@Test
	void aWallTimeOfNothingIsRefusedRatherThanDividedBy() {
		assertThatThrownBy(() -> new ApplyFigures(1, 1, 1, 1, Duration.ZERO, Duration.ofMillis(5)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void writesCountOnlyWhenEveryPlannedObjectWasWrittenOnceAndNothingElse() {
		Set<String> planned = Set.of("configmaps/kube-system/env", "pods/kube-system/a");

		assertThat(WriteTally.of(Map.of("configmaps/kube-system/env", 1L, "pods/kube-system/a", 1L), planned))
			.isEqualTo(new WriteTally(2, List.of(), Map.of(), List.of()))
			.matches(WriteTally::exactlyOnce);
		WriteTally wrong = WriteTally.of(Map.of("configmaps/kube-system/env", 2L, "pods/kube-system/b", 1L), planned);
		assertThat(wrong).isEqualTo(new WriteTally(0, List.of("pods/kube-system/a"),
				Map.of("configmaps/kube-system/env", 2L), List.of("pods/kube-system/b")));
		assertThat(wrong.exactlyOnce()).isFalse();
		assertThat(wrong.summary()).contains("never written: [pods/kube-system/a]")
			.contains("written more than once: [configmaps/kube-system/env=2]")
			.contains("written though not in the plan: [pods/kube-system/b]");
	}

	@Test
	void talliesOfSeveralEmulatorsAddUp() {
		WriteTally sum = WriteTally.empty()
			.plus(WriteTally.of(Map.of("a", 1L), Set.of("a")))
			.plus(WriteTally.of(Map.of("b", 3L), Set.of("b", "c")));

		assertThat(sum).isEqualTo(new WriteTally(1, List.of("c"), Map.of("b", 3L), List.of()));
		assertThat(WriteTally.empty().plus(WriteTally.of(Map.of("a", 1L), Set.of("a"))).summary())
			.isEqualTo("1 objects, each written exactly once");
	}

	@Test
	void everyClusterGetsAPodBlockOfItsOwn() {
		assertThat(BenchPlan.podBlock(0)).isEqualTo("100.64.0.0/18");
		assertThat(BenchPlan.podBlock(5)).isEqualTo("100.65.64.0/18");
		assertThat(BenchPlan.podBlock(255)).isEqualTo("100.127.192.0/18");
		assertThatThrownBy(() -> BenchPlan.podBlock(256)).isInstanceOf(IllegalArgumentException.class);
	}

}
