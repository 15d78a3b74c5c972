/** The read side of projections: what query functions may see, without the runtime that writes them. */
package dev.taskledger.projector.read;
