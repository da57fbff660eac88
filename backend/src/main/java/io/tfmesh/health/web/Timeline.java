package io.tfmesh.health.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.introspect.ServiceStatus;
import io.tfmesh.health.Reading;
import io.tfmesh.health.ServedReading;

/**
 * The state changes of a cluster's services over a window, as bars: one row per service, a
 * segment per state it was in. Drawn on the server so the page needs no script to show it.
 *
 * @param since how far back the chart reaches, such as {@code 24 h}
 */
public record Timeline(String since, List<Row> rows) {

	/** The width of a row's drawing; segments are placed in these units. */
	static final int WIDTH = 1000;

	/** The shortest stretch drawn, so that the first readings of a new cluster are not a sliver. */
	static final Duration SHORTEST = Duration.ofMinutes(1);

	/**
	 * @param history the history points of the window, oldest first
	 * @param latest the readings as served now: after the last point a service is in its
	 * latest state, and unknown from when its latest reading went stale
	 * @param longest how far back the chart reaches at most; it starts at the first point
	 * when that is later
	 */
	static Timeline of(List<Reading> history, List<ServedReading> latest, Instant now, Duration longest,
			Duration staleAfter) {
		Instant first = history.stream().map(Reading::readAt).min(Instant::compareTo).orElse(now);
		Duration since = Duration.between(first, now);
		Duration window = (since.compareTo(longest) > 0) ? longest : (since.compareTo(SHORTEST) < 0) ? SHORTEST : since;
		Instant start = now.minus(window);
		Map<String, List<Reading>> byService = new LinkedHashMap<>();
		for (ServedReading reading : latest) {
			byService.put(key(reading.node(), reading.pod(), reading.service()), new ArrayList<>());
		}
		for (Reading point : history) {
			List<Reading> points = byService.get(key(point.node(), point.pod(), point.service()));
			if (points != null) {
				points.add(point);
			}
		}
		List<Row> rows = new ArrayList<>();
		for (ServedReading reading : latest) {
			List<Reading> points = byService.get(key(reading.node(), reading.pod(), reading.service()));
			List<Span> spans = new ArrayList<>();
			for (int i = 0; i < points.size(); i++) {
				Reading point = points.get(i);
				Instant end = (i + 1 < points.size()) ? points.get(i + 1).readAt() : now;
				Instant staleAt = point.readAt().plus(staleAfter);
				if (i + 1 == points.size() && reading.stale() && staleAt.isBefore(end)) {
					// the last point's state held until nothing was read any more
					spans.add(new Span(point.readAt(), staleAt, point.state(), point.line()));
					spans.add(new Span(staleAt, end, ServiceStatus.UNKNOWN,
							reading.service() + ": unknown (not read since " + point.readAt() + ")"));
				}
				else {
					spans.add(new Span(point.readAt(), end, point.state(), point.line()));
				}
			}
			List<Segment> segments = spans.stream()
				.filter(span -> span.end().isAfter(start))
				.map(span -> segment(span, start, window))
				.filter(segment -> segment.width() > 0)
				.toList();
			rows.add(new Row(reading.node(), reading.pod(), reading.service(), Ages.anchor(reading),
					segments));
		}
		return new Timeline(Ages.age(window.toSeconds()), rows);
	}

	private static Segment segment(Span span, Instant start, Duration window) {
		double scale = (double) WIDTH / window.toMillis();
		Instant from = span.start().isBefore(start) ? start : span.start();
		double x = Duration.between(start, from).toMillis() * scale;
		double width = Duration.between(from, span.end()).toMillis() * scale;
		return new Segment(round(x), round(Math.max(width, 0)), span.state(), span.title() + " from " + from);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	private static String key(String node, String pod, String service) {
		return node + "\u0000" + pod + "\u0000" + service;
	}

	/** One service's line in the chart. */
	public record Row(String node, String pod, String service, String anchor, List<Segment> segments) {
	}

	/**
	 * A stretch of one state.
	 * @param x where it starts, 0 to {@value Timeline#WIDTH}
	 * @param title the contrail-status line it stands for, and since when
	 */
	public record Segment(double x, double width, String state, String title) {
	}

	private record Span(Instant start, Instant end, String state, String title) {
	}

}
