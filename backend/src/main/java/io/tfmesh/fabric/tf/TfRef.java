package io.tfmesh.fabric.tf;

import java.util.List;

/** One entry of a TF collection listing: enough to read the object or resolve its name. */
public record TfRef(String type, String uuid, List<String> fqName) {

	public TfRef {
		fqName = List.copyOf(fqName);
	}

}
