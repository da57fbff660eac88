package io.tfmesh.plan;

import java.util.List;

/** The intents whose source and destination are members of a mesh. */
public interface IntentSource {

	List<IntentSpec> forMesh(long meshId);

}
