package io.tfmesh.mesh;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * When a mesh's approved plans may start: on these days (UTC), from {@code start} until
 * {@code end}. A window whose end is not after its start runs past midnight and belongs to the
 * day it opens on, so {@code sat 22:00–04:00} covers Saturday night and Sunday's first hours.
 */
public record ChangeWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

	private static final List<String> NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

	public ChangeWindow {
		days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
	}

	/**
	 * @param days a comma-separated list such as {@code sat,sun}
	 * @return null when no part is set, which means the mesh has no window
	 * @throws IllegalArgumentException when only some parts are set or the days cannot be read
	 */
	public static @Nullable ChangeWindow of(@Nullable String days, @Nullable LocalTime start, @Nullable LocalTime end) {
		boolean noDays = days == null || days.isBlank();
		if (noDays && start == null && end == null) {
			return null;
		}
		if (noDays || start == null || end == null) {
			throw new IllegalArgumentException("a change window needs its days, its start and its end");
		}
		return new ChangeWindow(parseDays(days), start, end);
	}

	static Set<DayOfWeek> parseDays(String days) {
		Set<DayOfWeek> parsed = EnumSet.noneOf(DayOfWeek.class);
		for (String part : days.split(",")) {
			String name = part.strip().toLowerCase(Locale.ROOT);
			int index = NAMES.indexOf(name.length() > 3 ? name.substring(0, 3) : name);
			if (index < 0 || name.isEmpty()) {
				throw new IllegalArgumentException("'" + part.strip() + "' is no day; use mon, tue, wed, thu, fri, sat or sun");
			}
			parsed.add(DayOfWeek.of(index + 1));
		}
		return parsed;
	}

	/** Whether a plan may start at that instant. */
	public boolean contains(Instant at) {
		ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
		LocalTime time = utc.toLocalTime();
		DayOfWeek day = utc.getDayOfWeek();
		if (start.isBefore(end)) {
			return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
		}
		// past midnight: the evening part on a listed day, the morning part on the day after one
		return (days.contains(day) && !time.isBefore(start)) || (days.contains(day.minus(1)) && time.isBefore(end));
	}

	/** The days as stored and as the form shows them: {@code sat,sun}. */
	public String dayList() {
		return days.stream().map(day -> NAMES.get(day.getValue() - 1)).collect(Collectors.joining(","));
	}

	public String describe() {
		List<String> parts = new ArrayList<>();
		parts.add(dayList());
		parts.add(start + "–" + end + " UTC");
		return String.join(" ", parts);
	}

}
