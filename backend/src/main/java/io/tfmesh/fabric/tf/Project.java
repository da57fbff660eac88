package io.tfmesh.fabric.tf;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A project (tenant); kube-manager makes one per namespace, named {@code <cluster>-<namespace>}. */
public record Project(@Nullable String uuid, List<String> fqName) implements TfObject {

	public static final String TYPE = "project";

	public Project {
		fqName = List.copyOf(fqName);
	}

	@Override
	public String type() {
		return TYPE;
	}

}
