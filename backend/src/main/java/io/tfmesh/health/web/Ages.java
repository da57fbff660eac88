package io.tfmesh.health.web;

import io.tfmesh.health.ServedReading;
import io.tfmesh.health.diagnose.Finding;

/** How the health pages name ages and the places of services' lines. */
public final class Ages {

	private Ages() {
	}

	/** How long, in the largest whole unit, such as {@code 12 s}, {@code 3 min} or {@code 24 h} (days from two on). */
	public static String age(long seconds) {
		if (seconds < 60) {
			return seconds + " s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + " min";
		}
		if (seconds < 2 * 86400) {
			return (seconds / 3600) + " h";
		}
		return (seconds / 86400) + " d";
	}

	/** Where a service's line is on its cluster's health page. */
	public static String anchor(ServedReading reading) {
		return ("svc-" + reading.node() + "-" + reading.pod() + "-" + reading.service()).replaceAll("[^A-Za-z0-9_-]",
				"-");
	}

	/** Where a finding is on its cluster's health page. */
	public static String anchor(Finding finding) {
		return ("finding-" + finding.code() + (finding.node() == null ? "" : "-" + finding.node()))
			.replaceAll("[^A-Za-z0-9_-]", "-");
	}

}
