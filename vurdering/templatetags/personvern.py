"""The high-risk rule (vurdering.risiko) for templates that show an application."""

from django import template

from ..risiko import godkjenning_sperret, risikogrunner, venter_pa_personvernombudet

register = template.Library()

register.filter("risikogrunner", risikogrunner)
register.filter("venter_pa_personvernombudet", venter_pa_personvernombudet)
register.filter("godkjenning_sperret", godkjenning_sperret)
