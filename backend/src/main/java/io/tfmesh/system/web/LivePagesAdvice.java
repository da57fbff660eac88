package io.tfmesh.system.web;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What a live panel shows of its own refreshing: how often, and when it was last rendered. */
@ControllerAdvice(annotations = Controller.class)
class LivePagesAdvice {

	private final LivePages live;

	private final Clock clock;

	LivePagesAdvice(LivePages live, Clock clock) {
		this.live = live;
		this.clock = clock;
	}

	@ModelAttribute("refreshTrigger")
	String refreshTrigger() {
		return live.trigger();
	}

	@ModelAttribute("refreshedAt")
	Instant refreshedAt() {
		return clock.instant();
	}

}
