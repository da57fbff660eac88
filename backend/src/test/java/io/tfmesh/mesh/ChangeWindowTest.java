package io.tfmesh.mesh;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeWindowTest {

	@Test
	void aWindowCoversItsDaysFromItsStartUntilBeforeItsEnd() {
		ChangeWindow window = ChangeWindow.of("sat,sun", LocalTime.of(2, 0), LocalTime.of(6, 0));

		assertThat(window.contains(Instant.parse("2026-11-28T02:00:00Z"))).isTrue();
		assertThat(window.contains(Instant.parse("2026-11-29T05:59:59Z"))).isTrue();
		assertThat(window.contains(Instant.parse("2026-11-28T06:00:00Z"))).isFalse();
		assertThat(window.contains(Instant.parse("2026-11-28T01:59:59Z"))).isFalse();
		// a Monday
		assertThat(window.contains(Instant.parse("2026-11-30T03:00:00Z"))).isFalse();
		assertThat(window.describe()).isEqualTo("sat,sun 02:00–06:00 UTC");
	}

	@Test
	void aWindowPastMidnightBelongsToTheDayItOpensOn() {
		ChangeWindow window = new ChangeWindow(EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(4, 0));

		assertThat(window.contains(Instant.parse("2026-11-27T23:00:00Z"))).as("Friday night").isTrue();
		assertThat(window.contains(Instant.parse("2026-11-28T03:00:00Z"))).as("Saturday early").isTrue();
		assertThat(window.contains(Instant.parse("2026-11-28T23:00:00Z"))).as("Saturday night").isFalse();
		assertThat(window.contains(Instant.parse("2026-11-27T03:00:00Z"))).as("Friday early").isFalse();
	}

	@Test
	void noPartMeansNoWindowAndSomePartsAreRefused() {
		assertThat(ChangeWindow.of(" ", null, null)).isNull();
		assertThatThrownBy(() -> ChangeWindow.of("sat", LocalTime.NOON, null)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("needs its days, its start and its end");
		assertThatThrownBy(() -> ChangeWindow.of("sat,caturday", LocalTime.NOON, LocalTime.MIDNIGHT))
			.hasMessageContaining("'caturday' is no day");
		assertThat(ChangeWindow.of("Saturday, SUN", LocalTime.NOON, LocalTime.MIDNIGHT).dayList()).isEqualTo("sat,sun");
	}

}
