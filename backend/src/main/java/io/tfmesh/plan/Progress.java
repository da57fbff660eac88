package io.tfmesh.plan;

import java.util.List;

/**
 * How far a plan's steps got.
 *
 * @param done steps carried out
 * @param finished steps that need no more work, whatever became of them
 */
public record Progress(int done, int total, int failed, int skipped, int running, int cancelled, int finished) {

	static Progress of(List<StepState> states) {
		int done = 0;
		int failed = 0;
		int skipped = 0;
		int running = 0;
		int cancelled = 0;
		int finished = 0;
		for (StepState state : states) {
			switch (state) {
				case DONE -> done++;
				case FAILED -> failed++;
				case SKIPPED -> skipped++;
				case RUNNING -> running++;
				case CANCELLED -> cancelled++;
				default -> {
				}
			}
			if (state.finished()) {
				finished++;
			}
		}
		return new Progress(done, states.size(), failed, skipped, running, cancelled, finished);
	}

	/** Finished steps in percent, for the progress bar. */
	public int percent() {
		return total == 0 ? 100 : finished * 100 / total;
	}

}
