package io.tfmesh.apply.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one apply took: its wall time from the plan's start to its close, and the sum of its
 * steps' own times, which is what the same steps would take run one after another.
 *
 * @param steps the plan's steps
 * @param done the steps that ended done
 * @param clusters the clusters the plan touches
 * @param threads the workers that ran steps at the same time
 * @param wall from the plan moving to applying to the plan closing
 * @param stepTimes the sum of the steps' times, each from its claim to its record
 */
record ApplyFigures(int steps, int done, int clusters, int threads, Duration wall, Duration stepTimes) {

	ApplyFigures {
		if (wall.isNegative() || wall.isZero()) {
			throw new IllegalArgumentException("an apply takes some time, not " + wall);
		}
		if (stepTimes.isNegative()) {
			throw new IllegalArgumentException("steps take no negative time: " + stepTimes);
		}
	}

	/** How many times faster the apply was than its steps one after another. */
	double speedup() {
		return (double) stepTimes.toNanos() / wall.toNanos();
	}

	/** The steps' time per step, on average. */
	Duration meanStep() {
		return steps == 0 ? Duration.ZERO : stepTimes.dividedBy(steps);
	}

	/** Steps running at once on average, as a share of the worker threads. */
	double threadUse() {
		return speedup() / threads;
	}

	List<String> lines() {
		return List.of(format("steps                       %d (%d done), on %d clusters", steps, done, clusters),
				format("worker threads              %d", threads),
				format("apply wall time             %.3f s (plan applying -> applied)", seconds(wall)),
				format("sum of the steps' times     %.3f s (%.1f ms per step)", seconds(stepTimes),
						meanStep().toNanos() / 1e6),
				format("speedup                     %.1fx (sum of step times / wall time; %.0f%% of the threads busy)",
						speedup(), 100 * threadUse()));
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	private static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

}
