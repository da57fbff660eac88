package io.tfmesh.sandbox;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the Sandbox page in every page's navigation while the emulated clusters run. */
@ControllerAdvice(annotations = Controller.class)
@Profile("sandbox")
class SandboxPageAdvice {

	@ModelAttribute("sandboxActive")
	boolean sandboxActive() {
		return true;
	}

}
