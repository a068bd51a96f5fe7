package org.smartcustoms.travel;

/** The allowance and duty of one kind of goods: declared, free, excess, duty on the excess and the sentence explaining it. */
public record DutyLine(ItemKind kind, long declared, long allowance, long excess, long duty, String explanation) { }
