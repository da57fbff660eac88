package io.tfmesh.emulator.kubernetes;

import java.time.Duration;

/**
 * An age as the API server prints it in tables, after {@code HumanDuration} of
 * {@code staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go}: precise while young,
 * coarser with age ({@code 45s}, {@code 3m12s}, {@code 25m}, {@code 5h3m}, {@code 12h}, {@code 3d4h},
 * {@code 40d}, {@code 3y12d}).
 */
final class HumanDuration {

	private HumanDuration() {
	}

	static String of(Duration age) {
		long seconds = age.getSeconds();
		// up to two seconds in the future pass as now, for clocks a little apart
		if (seconds < -1) {
			return "<invalid>";
		}
		if (seconds < 0) {
			return "0s";
		}
		if (seconds < 60 * 2) {
			return seconds + "s";
		}
		long minutes = seconds / 60;
		if (minutes < 10) {
			long rest = seconds % 60;
			return (rest == 0) ? minutes + "m" : minutes + "m" + rest + "s";
		}
		if (minutes < 60 * 3) {
			return minutes + "m";
		}
		long hours = minutes / 60;
		if (hours < 8) {
			long rest = minutes % 60;
			return (rest == 0) ? hours + "h" : hours + "h" + rest + "m";
		}
		if (hours < 48) {
			return hours + "h";
		}
		if (hours < 24 * 8) {
			long rest = hours % 24;
			return (rest == 0) ? (hours / 24) + "d" : (hours / 24) + "d" + rest + "h";
		}
		if (hours < 24 * 365 * 2) {
			return (hours / 24) + "d";
		}
		if (hours < 24 * 365 * 8) {
			long rest = (hours / 24) % 365;
			return (rest == 0) ? (hours / 24 / 365) + "y" : (hours / 24 / 365) + "y" + rest + "d";
		}
		return (hours / 24 / 365) + "y";
	}

}
