package io.tfmesh.emulator.kubernetes;

/** Told when an emulated DaemonSet replaced a pod that was deleted through the API. */
@FunctionalInterface
public interface PodReplacedListener {

	void replaced(String daemonSet, String nodeName, String oldPod, String newPod);

}
