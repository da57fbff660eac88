package io.tfmesh.apply;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepProgressTest {

	@Test
	void namesRecordedByOneAttemptAreReadByTheNext() {
		List<String> stored = new ArrayList<>();
		new StepProgress(null, stored::add).record("restarting pods", List.of("km-1", "km-2"));

		assertThat(stored).containsExactly("restarting pods: km-1, km-2");
		assertThat(new StepProgress(stored.get(0), note -> {
		}).recorded("restarting pods")).contains(List.of("km-1", "km-2"));
	}

	@Test
	void anEmptyListIsRecordedAsSuch() {
		List<String> stored = new ArrayList<>();
		new StepProgress(null, stored::add).record("restarting pods", List.of());

		assertThat(new StepProgress(stored.get(0), note -> {
		}).recorded("restarting pods")).contains(List.of());
	}

	@Test
	void aFirstAttemptOrAnotherResultHasNothingRecorded() {
		assertThat(new StepProgress(null, note -> {
		}).recorded("restarting pods")).isEmpty();
		assertThat(new StepProgress("already in place", note -> {
		}).recorded("restarting pods")).isEmpty();
	}

}
