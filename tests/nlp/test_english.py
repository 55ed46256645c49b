

def test_an_unfamiliar_city_the_model_calls_a_person_is_a_place(en) -> None:
    doc = en("Russian missiles struck Kharkiv on Monday.")
    assert [(e.text, e.label_) for e in doc.ents if e.text == "Kharkiv"] == [("Kharkiv", "GPE")]
    # Not a well-known person's surname, not after a title, not the surname of a person named before.
    doc = en("Andrew Odesa spoke first. Odesa said the talks failed.")
    assert all(e.label_ == "PERSON" for e in doc.ents if "Odesa" in e.text)
