package io.tfmesh.system.error;

import java.util.Collection;

/**
 * The request is well-formed, but what tfmesh knows of the objects it names does not allow it
 * (422): a cluster not yet observed, a Service its last observation did not find. Forms show
 * its problems like those of {@link InvalidInputException}.
 */
public class UnprocessableException extends InvalidInputException {

	public UnprocessableException(Collection<FieldProblem> problems) {
		super(problems);
	}

}
