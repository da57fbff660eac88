package io.tfmesh.health.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tfmesh.health.Reading;
import io.tfmesh.health.ServedReading;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	private static final Duration DAY = Duration.ofHours(24);

	private static final Duration STALE_AFTER = Duration.ofSeconds(90);

	@Test
	void eachStateIsDrawnFromItsPointToTheNext() {
		Instant start = NOW.minus(Duration.ofHours(10));
		List<Reading> history = List.of(point("initializing", "No BGP configuration for self", start),
				point("active", null, start.plus(Duration.ofHours(5))));

		Timeline timeline = Timeline.of(history, List.of(served("active", false, NOW.minusSeconds(10))), NOW, DAY,
				STALE_AFTER);

		assertThat(timeline.since()).isEqualTo("10 h");
		assertThat(timeline.rows()).singleElement().satisfies(row -> {
			assertThat(row.anchor()).isEqualTo("svc-master-control-control");
			assertThat(row.segments()).extracting(Timeline.Segment::state).containsExactly("initializing", "active");
			assertThat(row.segments()).extracting(Timeline.Segment::x).containsExactly(0.0, 500.0);
			assertThat(row.segments()).extracting(Timeline.Segment::width).containsExactly(500.0, 500.0);
			assertThat(row.segments().get(0).title()).startsWith("control: initializing (No BGP configuration for self)");
		});
	}

	@Test
	void aServiceIsUnknownFromWhenItsLastReadingWentStale() {
		Instant start = NOW.minus(Duration.ofMinutes(10));
		Instant last = NOW.minus(Duration.ofMinutes(5));

		Timeline timeline = Timeline.of(List.of(point("active", null, start), point("active", null, last)),
				List.of(served("unknown", true, last)), NOW, DAY, STALE_AFTER);

		List<Timeline.Segment> segments = timeline.rows().get(0).segments();
		assertThat(segments).extracting(Timeline.Segment::state).containsExactly("active", "active", "unknown");
		// stale 90 s after the last point, 6.5 of the 10 minutes drawn
		assertThat(segments.get(2).x()).isEqualTo(650.0);
		assertThat(segments.get(2).width()).isEqualTo(350.0);
	}

	@Test
	void theChartReachesBackAtMostTheLongestWindowAndAtLeastAMinute() {
		Reading old = point("active", null, NOW.minus(Duration.ofDays(3)));
		Timeline longAgo = Timeline.of(List.of(old), List.of(served("active", false, NOW)), NOW, DAY, STALE_AFTER);
		assertThat(longAgo.since()).isEqualTo("24 h");
		assertThat(longAgo.rows().get(0).segments()).singleElement()
			.satisfies(segment -> assertThat(segment.width()).isEqualTo(1000.0));

		Timeline fresh = Timeline.of(List.of(point("active", null, NOW.minusSeconds(15))),
				List.of(served("active", false, NOW.minusSeconds(15))), NOW, DAY, STALE_AFTER);
		assertThat(fresh.since()).isEqualTo("1 min");
		assertThat(fresh.rows().get(0).segments().get(0).x()).isEqualTo(750.0);
	}

	private static Reading point(String state, String description, Instant at) {
		return new Reading("master", "control", "control", state, description, "introspect 10.0.0.1:8083", at);
	}

	private static ServedReading served(String state, boolean stale, Instant readAt) {
		return new ServedReading("master", "control", "control", state, null, "introspect 10.0.0.1:8083", readAt,
				Duration.between(readAt, NOW).toSeconds(), stale);
	}

}
