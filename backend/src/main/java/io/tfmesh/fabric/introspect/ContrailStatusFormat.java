package io.tfmesh.fabric.introspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** contrail-status's text output, per pod: {@code == Contrail <pod> ==}, its lines, a blank line. */
public final class ContrailStatusFormat {

	// the state is one lower-case word; the description is everything inside the outer parentheses
	private static final Pattern LINE = Pattern.compile("([^\\s:]+): ([a-z]+)(?: \\((.*)\\))?");

	private ContrailStatusFormat() {
	}

	/** Pods in the order they first appear, each pod's services in the order given. */
	public static String text(List<ServiceStatus> statuses) {
		Map<String, List<ServiceStatus>> byPod = new LinkedHashMap<>();
		for (ServiceStatus status : statuses) {
			byPod.computeIfAbsent(status.pod(), pod -> new ArrayList<>()).add(status);
		}
		StringBuilder text = new StringBuilder();
		byPod.forEach((pod, services) -> {
			text.append("== Contrail ").append(pod).append(" ==\n");
			services.forEach(status -> text.append(status.line()).append('\n'));
			text.append('\n');
		});
		return text.toString();
	}

	/**
	 * Reads one line such as {@code agent: initializing (XMPP:control-node:10.0.0.1 connection down)}.
	 * @throws IllegalArgumentException when the line is not {@code <service>: <state>[ (<description>)]}
	 */
	public static ServiceStatus parseLine(String pod, String line) {
		Matcher matcher = LINE.matcher(line);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("'" + line + "' is not a contrail-status line");
		}
		return new ServiceStatus(pod, matcher.group(1), matcher.group(2), matcher.group(3));
	}

}
