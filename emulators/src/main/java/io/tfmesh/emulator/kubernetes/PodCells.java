package io.tfmesh.emulator.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * The cells of a pod's table row, computed from its container statuses as {@code printPod} of
 * {@code pkg/printers/internalversion/printers.go} does: READY counts ready running containers,
 * STATUS is the phase unless a container waits or terminated with a reason (such as
 * {@code CrashLoopBackOff}), RESTARTS sums the restart counts with the time of the last one.
 */
final class PodCells {

	private PodCells() {
	}

	static List<Object> of(JsonNode pod, Instant now) {
		JsonNode spec = pod.path("spec");
		JsonNode status = pod.path("status");
		int total = spec.path("containers").size();
		Set<String> restartableInit = new HashSet<>();
		for (JsonNode container : spec.path("initContainers")) {
			if ("Always".equals(container.path("restartPolicy").asString(""))) {
				restartableInit.add(container.path("name").asString(""));
				total++;
			}
		}
		String reason = status.path("phase").asString("");
		if (!status.path("reason").asString("").isEmpty()) {
			reason = status.path("reason").asString("");
		}
		for (JsonNode condition : status.path("conditions")) {
			if ("PodScheduled".equals(condition.path("type").asString(""))
					&& "SchedulingGated".equals(condition.path("reason").asString(""))) {
				reason = "SchedulingGated";
			}
		}
		int ready = 0;
		int restarts = 0;
		int restartableRestarts = 0;
		@Nullable Instant lastRestart = null;
		@Nullable Instant lastRestartableRestart = null;
		boolean initializing = false;
		JsonNode initStatuses = status.path("initContainerStatuses");
		int initCount = spec.path("initContainers").size();
		for (int i = 0; i < initStatuses.size(); i++) {
			JsonNode container = initStatuses.get(i);
			restarts += container.path("restartCount").asInt(0);
			lastRestart = later(lastRestart, finishedAt(container));
			boolean restartable = restartableInit.contains(container.path("name").asString(""));
			if (restartable) {
				restartableRestarts += container.path("restartCount").asInt(0);
				lastRestartableRestart = later(lastRestartableRestart, finishedAt(container));
			}
			JsonNode terminated = container.path("state").path("terminated");
			JsonNode waiting = container.path("state").path("waiting");
			if (!terminated.isMissingNode() && terminated.path("exitCode").asInt(0) == 0) {
				continue;
			}
			if (restartable && container.path("started").asBoolean(false)) {
				if (container.path("ready").asBoolean(false)) {
					ready++;
				}
				continue;
			}
			if (!terminated.isMissingNode()) {
				reason = terminated.path("reason").asString("").isEmpty() ? exitReason("Init:", terminated)
						: "Init:" + terminated.path("reason").asString("");
			}
			else if (!waiting.path("reason").asString("").isEmpty()
					&& !"PodInitializing".equals(waiting.path("reason").asString(""))) {
				reason = "Init:" + waiting.path("reason").asString("");
			}
			else {
				reason = "Init:" + i + "/" + initCount;
			}
			initializing = true;
			break;
		}
		if (!initializing || hasTrueCondition(status, "Initialized")) {
			restarts = restartableRestarts;
			lastRestart = lastRestartableRestart;
			boolean hasRunning = false;
			JsonNode statuses = status.path("containerStatuses");
			for (int i = statuses.size() - 1; i >= 0; i--) {
				JsonNode container = statuses.get(i);
				restarts += container.path("restartCount").asInt(0);
				lastRestart = later(lastRestart, finishedAt(container));
				JsonNode waiting = container.path("state").path("waiting");
				JsonNode terminated = container.path("state").path("terminated");
				if (!waiting.path("reason").asString("").isEmpty()) {
					reason = waiting.path("reason").asString("");
				}
				else if (!terminated.path("reason").asString("").isEmpty()) {
					reason = terminated.path("reason").asString("");
				}
				else if (!terminated.isMissingNode()) {
					reason = exitReason("", terminated);
				}
				else if (container.path("ready").asBoolean(false) && !container.path("state").path("running")
					.isMissingNode()) {
					hasRunning = true;
					ready++;
				}
			}
			if ("Completed".equals(reason) && hasRunning) {
				reason = hasTrueCondition(status, "Ready") ? "Running" : "NotReady";
			}
		}
		String phase = status.path("phase").asString("");
		boolean deleting = !pod.path("metadata").path("deletionTimestamp").isMissingNode();
		if (deleting && "NodeLost".equals(status.path("reason").asString(""))) {
			reason = "Unknown";
		}
		else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
			reason = "Terminating";
		}
		String restartText = String.valueOf(restarts);
		if (restarts != 0 && lastRestart != null) {
			restartText = restarts + " (" + HumanDuration.of(Duration.between(lastRestart, now)) + " ago)";
		}
		List<Object> cells = new ArrayList<>();
		cells.add(pod.path("metadata").path("name").asString(""));
		cells.add(ready + "/" + total);
		cells.add(reason);
		cells.add(restartText);
		cells.add(TablePrinters.age(pod, now));
		cells.addAll(wide(pod));
		return cells;
	}

	private static List<Object> wide(JsonNode pod) {
		JsonNode status = pod.path("status");
		String ip = status.path("podIPs").path(0).path("ip").asString("");
		if (ip.isEmpty()) {
			ip = status.path("podIP").asString("");
		}
		String gates = "<none>";
		JsonNode readinessGates = pod.path("spec").path("readinessGates");
		if (readinessGates.size() > 0) {
			int satisfied = 0;
			for (JsonNode gate : readinessGates) {
				if (hasTrueCondition(status, gate.path("conditionType").asString(""))) {
					satisfied++;
				}
			}
			gates = satisfied + "/" + readinessGates.size();
		}
		return List.of(orNone(ip), orNone(pod.path("spec").path("nodeName").asString("")),
				orNone(status.path("nominatedNodeName").asString("")), gates);
	}

	private static String exitReason(String prefix, JsonNode terminated) {
		int signal = terminated.path("signal").asInt(0);
		return (signal != 0) ? prefix + "Signal:" + signal
				: prefix + "ExitCode:" + terminated.path("exitCode").asInt(0);
	}

	private static @Nullable Instant finishedAt(JsonNode container) {
		String finished = container.path("lastState").path("terminated").path("finishedAt").asString("");
		return finished.isEmpty() ? null : Instant.parse(finished);
	}

	private static @Nullable Instant later(@Nullable Instant current, @Nullable Instant candidate) {
		return (candidate != null && (current == null || candidate.isAfter(current))) ? candidate : current;
	}

	private static boolean hasTrueCondition(JsonNode status, String type) {
		for (JsonNode condition : status.path("conditions")) {
			if (type.equals(condition.path("type").asString("")) && "True".equals(condition.path("status").asString(""))) {
				return true;
			}
		}
		return false;
	}

	static String orNone(String value) {
		return value.isEmpty() ? "<none>" : value;
	}

}
