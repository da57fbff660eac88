package io.tfmesh.secret;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page that needs a stored secret the key cannot read shows the conflict and what to do
 * about it. The API's handler answers first for REST controllers.
 */
@ControllerAdvice(annotations = Controller.class)
class SecretPageAdvice {

	@ExceptionHandler
	ModelAndView unreadable(SecretUnreadableException ex) {
		HttpStatus status = HttpStatus.CONFLICT;
		return new ModelAndView("error/409",
				Map.of("status", status.value(), "reason", status.getReasonPhrase(), "detail", ex.getMessage()), status);
	}

}
