package io.tfmesh.system.web;

import io.tfmesh.system.error.InvalidInputException;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * A requested page: {@code page} counts from 0, {@code size} is 1 to {@value #MAX_SIZE}.
 */
public record PageQuery(int page, int size) {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 200;

	public static PageQuery of(Integer page, Integer size) {
		int p = page == null ? 0 : page;
		int s = size == null ? DEFAULT_SIZE : size;
		if (p < 0) {
			throw new InvalidInputException("page", "must be 0 or more");
		}
		if (s < 1 || s > MAX_SIZE) {
			throw new InvalidInputException("size", "must be between 1 and " + MAX_SIZE);
		}
		if ((long) p * s > Integer.MAX_VALUE) {
			throw new InvalidInputException("page", "must be at most " + Integer.MAX_VALUE / s + " with size " + s);
		}
		return new PageQuery(p, s);
	}

	public Pageable pageable(Sort sort) {
		return PageRequest.of(page, size, sort);
	}

	public long offset() {
		return (long) page * size;
	}

}
