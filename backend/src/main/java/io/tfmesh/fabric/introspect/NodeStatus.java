package io.tfmesh.fabric.introspect;

import java.util.List;

/**
 * What a TF process says about itself in its NodeStatus UVE.
 *
 * @param name the node (the key, {@code ObjectBgpRouter}); empty when the answer had none
 * @param processStatus empty while the process has not reported any
 */
public record NodeStatus(String name, List<ProcessStatus> processStatus) {

	public NodeStatus {
		processStatus = List.copyOf(processStatus);
	}

}
